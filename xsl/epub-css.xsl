<?xml version="1.0" encoding="UTF-8"?>
<!-- epub-css.xsl - the EPUB's style sheet, EPUB/style.css: a serif text at the
     reader's own size, notes and bibliography smaller, bibliography entries with a
     hanging indent; the reading system's fonts, no others. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:text>/* briefc: style of the EPUB. Sizes in em, so the reader's choice of size holds. */

body { font-family: serif; line-height: 1.5; margin: 0 1em; }
h1 { font-size: 1.6em; line-height: 1.2; margin: 1em 0 .5em; }
h2 { font-size: 1.25em; margin: 1.75em 0 .5em; page-break-after: avoid; break-after: avoid; }
h3 { font-size: 1.1em; margin: 1.5em 0 .5em; page-break-after: avoid; break-after: avoid; }
p { margin: 0 0 .75em; orphans: 2; widows: 2; }
header { margin-bottom: 1.5em; }
header p { margin: 0; }
.byline { font-style: italic; }
.subtitle { font-size: 1.15em; }
blockquote { margin: 1em 1.5em; }
.attribution { margin-left: 1.5em; }
p.closing { margin-top: 1.5em; }
cite { font-style: italic; }

/* Note references: superscripts that do not open up the line. */
sup.noteref { font-size: .75em; line-height: 0; vertical-align: super; }
sup.noteref a, a[role="doc-backlink"] { text-decoration: none; }
a.citation { color: inherit; text-decoration: none; }

/* Notes, at the end or after their paragraph, and the bibliography: smaller. */
.notes, .bibliography { font-size: .9em; margin-top: 2em; }
.notes ol { padding-left: 2em; }
.notes li { margin-bottom: .4em; }
aside.footnote { font-size: .9em; margin: 0 0 .75em 1.5em; }
.bibliography ul { list-style: none; margin: 0; padding: 0; }
.bibliography li { margin-bottom: .5em; padding-left: 2em; text-indent: -2em; overflow-wrap: break-word; }
.cited-in { display: block; text-indent: 0; font-size: .9em; }

/* The navigation document. */
nav ol { list-style: none; padding-left: 1.5em; }
nav > ol { padding-left: 0; }
nav[hidden] { display: none; }
</xsl:text>
  </xsl:template>
</xsl:stylesheet>
