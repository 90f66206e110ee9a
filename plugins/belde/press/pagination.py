"""Listing pages cut from the oldest item, so that a new item changes only the first page.

Pelican numbers a listing's pages from the newest item: every new item moves one item onto
each following page, and every page of every listing it appears on changes (and has to be
written, uploaded and fetched again). Here the items are cut into pages of `per_page` from
the oldest end. The listing's own address shows the newest full page together with the newer
items that do not fill a page yet (per_page to 2 × per_page − 1 items); every other page
keeps its address and its items until an older item is added, edited or removed. Page
addresses follow PAGINATION_PATTERNS: number 1 is the listing's address, the oldest page is
number 2, the next older than the first page has the highest number. Readers see each page's
dates rather than a page number.
"""

from dataclasses import dataclass

from pelican.paginator import Page, Paginator

from ..period import Period


@dataclass(eq=False)
class PageLink:
    """Another page of the listing, as a link to it: its address only."""

    url: str


@dataclass(eq=False)
class ListingPage:
    number: int  # 1 for the listing's first page
    object_list: list  # newest first
    url: str
    save_as: str

    @property
    def first(self) -> bool:
        return self.number == 1

    @property
    def label(self) -> str:
        """The dates its items cover: '3 Mart–30 Nisan 2019'."""
        if not self.object_list:
            return ""
        periods = [item.period for item in self.object_list]
        return Period(min(p.start for p in periods), max(p.end for p in periods)).words(weekday=False)


def per_page(settings, template_name: str) -> int | None:
    """Items a page for a template's listings, as Pelican reads PAGINATED_TEMPLATES; None when
    the template's listings are not paginated."""
    paginated = settings["PAGINATED_TEMPLATES"]
    if template_name not in paginated:
        return None
    return paginated[template_name] or settings["DEFAULT_PAGINATION"]


def listing_pages(name: str, url: str, items: list, settings, per_page: int) -> list:
    """The pages of a listing of items (newest first), in reading order: the first page, then
    from the newest of the other pages to the oldest. A falsy per_page puts every item on one page."""
    paginator = Paginator(name, url, items, settings, per_page)
    count = len(items)
    # Full pages from the oldest end, besides the first page's; none when listings are not paginated.
    older = max(count // per_page - 1, 0) if per_page else 0

    def page(number: int, shown: list) -> ListingPage:
        address = Page(name, url, shown, number, paginator, settings)  # Pelican's addresses for a number
        return ListingPage(number, shown, address.url, address.save_as)

    pages = [page(1, items[: count - older * per_page])]
    for number in range(older + 1, 1, -1):  # page number k holds the (k − 1)th full page from the oldest end
        end = count - (number - 2) * per_page
        pages.append(page(number, items[end - per_page : end]))
    return pages
