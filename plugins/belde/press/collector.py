"""The cyclic garbage collector kept off the objects a build holds until it ends.

A build makes millions of objects that live as long as it does: the items, the registry,
the archive's views. Python's full collections walk every one of them each time the heap
has grown by a quarter: more than a second per build at archive scale, for no garbage.
So the collector rests while the items are read and the archive is built; then what is
alive is set aside (gc.freeze), where no collection walks it and forked workers do not
copy the memory a collection would write to. A process that builds again (belde serve,
the tests) hands the previous build's objects back first and collects what they left.
"""

import gc


def rest(*_) -> None:
    """initialized."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.disable()


def set_aside(*_) -> None:
    """all_generators_finalized: the items are read and the archive is built."""
    gc.freeze()
    gc.enable()
