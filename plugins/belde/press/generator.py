"""The archive pages: districts, people, date archives and their feeds."""

import datetime as dt

from pelican.generators import Generator

from . import state
from .archive import Archive
from .pagination import listing_pages, per_page
from .related import relate


def _url(settings, key: str, **fields) -> tuple[str, str]:
    return settings[f"{key}_URL"].format(**fields), settings[f"{key}_SAVE_AS"].format(**fields)


class _RelativeWriter:
    """The writer with relative_urls bound, as Pelican binds it for its own generators."""

    def __init__(self, writer, relative_urls: bool):
        self._writer, self._relative = writer, relative_urls

    def write_file(self, *args, **kwargs):
        return self._writer.write_file(*args, relative_urls=self._relative, **kwargs)

    def write_feed(self, *args, **kwargs):
        return self._writer.write_feed(*args, **kwargs)


class ArchiveGenerator(Generator):
    """Runs after Pelican's article generator, so context['articles'] is complete."""

    def generate_context(self):
        settings = self.settings
        today = settings.get("BELDE_TODAY") or dt.date.today()
        archive = Archive(self.context.get("articles", []), state.registry(settings), settings, today)
        relate(archive, settings)
        for year in archive.years:
            year.url, year.save_as = _url(settings, "ARCHIVE_YEAR", date=dt.date(year.year, 1, 1))
            for month in year.months:
                month.url, month.save_as = _url(settings, "ARCHIVE_MONTH", date=dt.date(month.year, month.month, 1))
                month.year_url = year.url
        for view in archive.districts.values():
            self._year_jumps(view)
        # A feed without entries would carry the build's time as its date: no feed, no link.
        for views, key in ((archive.districts.values(), "DISTRICT_FEED_ATOM"), (archive.people, "OFFICIAL_FEED_ATOM")):
            for view in views:
                if view.articles:
                    view.feed_url = _url(settings, key, slug=view.term.slug)[0]
        self.archive = archive
        self._update_context(())
        self.context["archive"] = archive
        # The home page is not paginated: a new item would shift every page of the whole
        # archive, which the month pages already list.
        self.context["latest"] = self.context.get("articles", [])[: settings["BELDE_HOME_ITEMS"]]
        self.context["district_views"] = archive.districts
        self.context["person_views"] = archive.people

    def _year_jumps(self, view):
        """Each year links to the listing page where its first item appears."""
        size = per_page(self.settings, "district")
        pages = listing_pages(view.term.save_as, view.term.url, view.articles, self.settings, size)
        page_of = {id(article): page for page in pages for article in page.object_list}
        for article in view.articles:
            year = article.date.year
            if not view.years or view.years[-1][0] != year:
                view.years.append([year, 0, f"{page_of[id(article)].url}#yil-{year}"])
                view.year_anchors[article.slug] = year
            view.years[-1][1] += 1

    def _write_term(self, writer, view, template, name, feed_key):
        settings = self.settings
        writer.write_file(
            view.term.save_as,
            self.get_template(template),
            self.context,
            url=view.term.url,
            paginated={"articles": view.articles},
            template_name=template,
            page_name=view.term.page_name,
            view=view,
            articles=view.articles,
            **{name: view.term},
        )
        feed_url, feed_save_as = _url(settings, feed_key, slug=view.term.slug)
        if feed_save_as and view.feed_url:
            writer.write_feed(
                view.articles,
                self.context,
                feed_save_as,
                feed_url,
                feed_title=view.term.name,
            )

    def generate_output(self, writer):
        # As Pelican's own generators do: relative links when RELATIVE_URLS is on.
        writer = _RelativeWriter(writer, self.settings["RELATIVE_URLS"])
        archive = self.archive
        settings = self.settings
        writer.write_file(
            settings["DISTRICTS_SAVE_AS"], self.get_template("districts"), self.context,
            url=settings["DISTRICTS_URL"], template_name="districts", page_name="districts",
        )  # fmt: skip
        for view in archive.districts.values():
            self._write_term(writer, view, "district", "district", "DISTRICT_FEED_ATOM")
        writer.write_file(
            settings["OFFICIALS_SAVE_AS"], self.get_template("officials"), self.context,
            url=settings["OFFICIALS_URL"], template_name="officials", page_name="officials",
        )  # fmt: skip
        for view in archive.people:
            self._write_term(writer, view, "official", "official", "OFFICIAL_FEED_ATOM")
        for tag, items in archive.topics():
            writer.write_file(
                tag.save_as, self.get_template("tag"), self.context, url=tag.url, template_name="tag",
                tag=tag, articles=items, paginated={"articles": items}, page_name=tag.page_name,
            )  # fmt: skip
        for year in archive.years:
            # A year lists its months; the items are listed once, on the month pages.
            writer.write_file(
                year.save_as, self.get_template("period_archives"), self.context,
                url=year.url, template_name="period_archives", period=year, page_name=year.url.rstrip("/"),
            )  # fmt: skip
            for month in year.months:
                writer.write_file(
                    month.save_as, self.get_template("period_archives"), self.context,
                    url=month.url, template_name="period_archives", period=month, articles=month.articles,
                    paginated={"articles": month.articles}, page_name=month.url.rstrip("/"),
                )  # fmt: skip
