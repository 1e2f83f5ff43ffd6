<?xml version="1.0" encoding="UTF-8"?>
<!-- epub-css.xsl - the EPUB's style sheet, EPUB/style.css: a serif text at the
     reader's own size, notes and bibliography smaller, bibliography entries with a
     hanging indent, then the style of the figures, tables, lists of terms and asides
     the brief has; the reading system's fonts, no others. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:db="http://docbook.org/ns/docbook"
                xmlns:brf="urn:x-briefc:resolved">

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
    <xsl:apply-templates select="db:article"/>
  </xsl:template>

  <!-- The style of the parts a brief has, only those: figures, tables, lists of
       terms, admonitions and sidebars. -->
  <xsl:template match="db:article">
    <!-- briefc lists the elements the brief holds (brf:elements): a walk of the
         whole brief for each test took a tenth of a build of 1000 copies. -->
    <xsl:variable name="has" select="@brf:elements"/>
    <xsl:if test="contains($has, ' figure ') or contains($has, ' informalfigure ') or contains($has, ' mediaobject ')">
      <xsl:text>
/* Figures: an image no wider than the page, its caption under it. */
figure { margin: 1em 0; }
figure img { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .9em; margin-top: .4em; }
figcaption p { margin: .2em 0; }
</xsl:text>
    </xsl:if>
    <xsl:if test="contains($has, ' table ') or contains($has, ' informaltable ')">
      <xsl:text>
/* Tables: rules under rows, the head's heavier. */
table { border-collapse: collapse; margin: 1em 0; font-size: .95em; }
caption { text-align: left; font-size: .9em; margin-bottom: .4em; }
th, td { border-bottom: 1px solid #999; padding: .25em .5em; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #666; }
.align-right { text-align: right; }
.align-center { text-align: center; }
</xsl:text>
    </xsl:if>
    <xsl:if test="contains($has, ' figure ') or contains($has, ' table ')">
      <xsl:text>.label { font-weight: bold; }
</xsl:text>
    </xsl:if>
    <xsl:if test="contains($has, ' variablelist ')">
      <xsl:text>
/* Lists of terms. */
.list-title, dt { font-weight: bold; }
dd { margin: 0 0 .6em 1.5em; }
dd > p { margin: .2em 0; }
</xsl:text>
    </xsl:if>
    <xsl:if test="contains($has, ' note ') or contains($has, ' sidebar ')">
      <xsl:text>
/* Admonitions and sidebars, set apart by a rule and a frame. */
.note .title, .sidebar .title { font-weight: bold; margin-bottom: .3em; }
.note { border-left: 3px solid #666; padding: .1em 1em; margin: 1em 0; }
.sidebar { border: 1px solid #999; padding: .1em 1em; margin: 1em 0; }
</xsl:text>
    </xsl:if>
    <xsl:if test="db:info/db:editor">
      <xsl:text>.editors { font-style: normal; }
</xsl:text>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
