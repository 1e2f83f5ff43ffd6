<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl - what every output format shares: note numbering and identifiers,
     the byline, how a brief's inline DocBook reads as text, and where the citations
     and bibliography entries briefc wrote through its house style (namespace brf,
     written into the tree by briefc's CSL engine) stand. Imported by each format's
     entry stylesheet. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:db="http://docbook.org/ns/docbook"
                xmlns:brf="urn:x-briefc:resolved"
                exclude-result-prefixes="db brf">

  <!-- Indentation between blocks in the source is not text of the brief: briefc drops
       it once, before any stylesheet runs (source_strip_indentation in src/source.c),
       so there is no xsl:strip-space here, which libxslt would apply again in full on
       every run. -->

  <!-- Parameters every format takes (briefc build, option param NAME=VALUE):
       notes      endnotes: all notes at the end; footnotes: each after its block
       modified   the time the output records (ISO 8601 UTC), set by briefc
       (briefc's own parameter, citations, says which citations the house style
       writes again.) -->
  <xsl:param name="notes" select="'endnotes'"/>
  <xsl:param name="modified" select="'1980-01-01T00:00:00Z'"/>

  <xsl:key name="work" match="brf:work" use="@id"/>
  <!-- The house style's pieces of text (brf:house-style, written by briefc's CSL
       engine: Chicago, or the style briefc build style STYLE names) that replace
       citations and notes. -->
  <xsl:key name="piece" match="brf:piece" use="@n"/>

  <!-- The model is data, printed only where a format asks for it; the source
       bibliography is printed as the house style's entries. -->
  <xsl:template match="brf:* | db:bibliography"/>

  <!-- The number a reader sees for a note, as briefc counted it. -->
  <xsl:template match="db:footnote" mode="number">
    <xsl:value-of select="@brf:note"/>
  </xsl:template>

  <!-- A stable anchor for a note: its xml:id, else "fn" and its number. -->
  <xsl:template match="db:footnote" mode="id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>fn<xsl:apply-templates select="." mode="number"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A stable anchor for a section: its xml:id, else "section-" and the number
       briefc gave it (xsl:number level="any" would count, for each section, all
       before it). -->
  <xsl:template match="db:section" mode="id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>section-<xsl:value-of select="@brf:section"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Names as plain text ("mode plain"): also the EPUB package's, which takes
       them alone. -->
  <xsl:include href="names.xsl"/>

  <!-- The brief's language and the words briefc adds in it, made once. The language
       and direction are strings: they are compared in every label, date and list
       of notes, and each comparison of a tree fragment converts it again. -->
  <xsl:include href="labels.xsl"/>
  <xsl:variable name="lang-tree">
    <xsl:call-template name="primary-language">
      <xsl:with-param name="tag" select="/db:article/@xml:lang"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="lang" select="string($lang-tree)"/>
  <xsl:variable name="dir-tree">
    <xsl:call-template name="direction"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="dir" select="string($dir-tree)"/>
  <xsl:variable name="label-notes">
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="'notes'"/><xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="label-bibliography">
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="'bibliography'"/><xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="label-cited-in-note">
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="'cited-in-note'"/><xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="label-cited-in-notes">
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="'cited-in-notes'"/><xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="label-note">
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="'note'"/><xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:variable>
  <!-- An attribute whose whole value is one variable holding a tree fragment
       (aria-label="{$label-back}") keeps, for as long as the output lives, the 4 KB
       buffer libxml2 converts the fragment into: such a variable is made a string
       where it is defined (html.xsl's ids, text.xsl's list markers likewise). -->
  <xsl:variable name="label-back-tree">
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="'back'"/><xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="label-back" select="string($label-back-tree)"/>
  <xsl:variable name="label-figure">
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="'figure'"/><xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="label-table">
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="'table'"/><xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="month-names-tree">
    <xsl:call-template name="month-names"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="month-names" select="string($month-names-tree)"/>
  <xsl:variable name="label-edited-by">
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="'edited-by'"/><xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:variable>

  <!-- Figures and tables: "Figure 2", "Table 1", numbered in document order. -->
  <xsl:template match="db:figure" mode="label">
    <xsl:value-of select="concat($label-figure, ' ', count(preceding::db:figure) + 1)"/>
  </xsl:template>
  <xsl:template match="db:table" mode="label">
    <xsl:value-of select="concat($label-table, ' ', count(preceding::db:table) + 1)"/>
  </xsl:template>

  <!-- A caption's lead: "Figure 2. " -->
  <xsl:template match="db:figure | db:table" mode="caption-label">
    <xsl:apply-templates select="." mode="label"/>
    <xsl:text>. </xsl:text>
  </xsl:template>

  <!-- What a cross-reference says: a figure or table its label, anything else its
       title. -->
  <xsl:template match="*" mode="xref-text">
    <xsl:value-of select="db:title"/>
  </xsl:template>
  <xsl:template match="db:figure | db:table" mode="xref-text">
    <xsl:apply-templates select="." mode="label"/>
  </xsl:template>

  <!-- An admonition's title: its own, else "Note" in the brief's language. -->
  <xsl:template match="db:note" mode="title">
    <xsl:apply-templates select="db:title/node()"/>
    <xsl:if test="not(db:title)">
      <xsl:call-template name="label">
        <xsl:with-param name="key" select="'remark'"/><xsl:with-param name="lang" select="$lang"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- What an image says to a reader who cannot see it: its alt, else its text
       object, else its figure's title. -->
  <xsl:template match="db:mediaobject" mode="alt">
    <xsl:choose>
      <xsl:when test="normalize-space(db:alt)"><xsl:value-of select="normalize-space(db:alt)"/></xsl:when>
      <xsl:when test="normalize-space(db:textobject)"><xsl:value-of select="normalize-space(db:textobject)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(parent::db:figure/db:title)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An inline quotation, in the brief's quotation marks; one inside another in its
       inner marks. -->
  <xsl:template match="db:quote">
    <xsl:variable name="inner" select="count(ancestor::db:quote) mod 2 = 1"/>
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="substring('inner-open', 7 - 6 * $inner)"/>
      <xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
    <xsl:apply-templates/>
    <xsl:call-template name="label">
      <xsl:with-param name="key" select="substring('inner-close', 7 - 6 * $inner)"/>
      <xsl:with-param name="lang" select="$lang"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A publication date, YYYY[-MM[-DD]], as the brief's language writes it. -->
  <xsl:template match="db:pubdate" mode="shown">
    <xsl:variable name="d" select="normalize-space(.)"/>
    <xsl:call-template name="date">
      <xsl:with-param name="year" select="substring($d, 1, 4)"/>
      <xsl:with-param name="month" select="substring($d, 6, 2)"/>
      <xsl:with-param name="day" select="substring($d, 9, 2)"/>
      <xsl:with-param name="lang" select="$lang"/>
      <xsl:with-param name="months" select="$month-names"/>
    </xsl:call-template>
  </xsl:template>


  <!-- Citations ================================================================ -->

  <!-- A written citation's text: the house style's piece when briefc wrote it again
       (citations=chicago, or a CSL style's notes), closed as the written one was,
       by its last "." or ","; else as written. -->
  <xsl:template match="db:citation" mode="cited">
    <xsl:choose>
      <xsl:when test="@brf:piece">
        <xsl:variable name="text" select="normalize-space(.)"/>
        <xsl:variable name="last" select="substring($text, string-length($text))"/>
        <xsl:call-template name="piece">
          <xsl:with-param name="n" select="@brf:piece"/>
          <xsl:with-param name="punct" select="substring($last, 1, number($last = '.' or $last = ','))"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Piece N of the house style, then PUNCT ("." or ",", or nothing) unless the
       piece ends with it, or PUNCT is a period after "?" or "!". -->
  <xsl:template name="piece">
    <xsl:param name="n"/>
    <xsl:param name="punct"/>
    <xsl:variable name="piece" select="key('piece', $n)"/>
    <xsl:variable name="text" select="string($piece)"/>
    <xsl:variable name="last" select="substring($text, string-length($text))"/>
    <xsl:apply-templates select="$piece/node()"/>
    <xsl:if test="$last != $punct and not($punct = '.' and ($last = '?' or $last = '!'))">
      <xsl:value-of select="$punct"/>
    </xsl:if>
  </xsl:template>

  <!-- With an in-text CSL style, the space before the citation that stands at a
       note's marker, unless the text before it ends in one. -->
  <xsl:template match="db:footnote" mode="in-text-space">
    <xsl:variable name="before" select="preceding-sibling::node()[1][self::text()]"/>
    <xsl:if test="not($before) or translate(substring($before, string-length($before)), ' &#9;&#10;&#13;', '') != ''">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A biblioref is the house style's citation of its work, then the punctuation
       briefc took from after it (brf:taken) unless the citation ends with it: the
       style places it, inside a closing quotation mark, or nowhere after "?", "!"
       or a period. -->
  <xsl:template match="db:biblioref">
    <xsl:call-template name="piece">
      <xsl:with-param name="n" select="@brf:piece"/>
      <xsl:with-param name="punct" select="string(@brf:taken)"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
