<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl - what every output format shares: note numbering and identifiers,
     the byline, how a brief's inline DocBook reads as text, and how the resolved
     citation model (namespace brf, written into the tree by briefc) reads as
     Chicago notes and bibliography entries. Imported by each format's entry
     stylesheet, which supplies the markup through the hooks at the end. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:db="http://docbook.org/ns/docbook"
                xmlns:brf="urn:x-briefc:resolved"
                exclude-result-prefixes="db brf">

  <!-- Indentation between blocks in the source is not text of the brief. (Not
       personname: in a written citation the space between its name parts is.) -->
  <xsl:strip-space elements="db:article db:info db:author db:editor db:affiliation
                             db:section db:blockquote db:itemizedlist db:orderedlist
                             db:listitem db:footnote db:abstract db:keywordset
                             db:variablelist db:varlistentry db:note db:sidebar
                             db:figure db:informalfigure db:mediaobject db:imageobject
                             db:textobject db:caption db:table db:informaltable
                             db:tgroup db:thead db:tbody db:row"/>

  <!-- Parameters every format takes (briefc build, option param NAME=VALUE):
       notes      endnotes: all notes at the end; footnotes: each after its block
       citations  as-written: notes print as the brief writes them; chicago: written
                  citations are written again from the resolved model, like
                  bibliorefs (first in full, later short, Ibid. after the same work)
       modified   the time the output records (ISO 8601 UTC), set by briefc -->
  <xsl:param name="notes" select="'endnotes'"/>
  <xsl:param name="citations" select="'as-written'"/>
  <xsl:param name="modified" select="'1980-01-01T00:00:00Z'"/>

  <xsl:key name="work" match="brf:work" use="@id"/>
  <!-- With a CSL style (briefc build style STYLE), the engine's pieces of text that
       replace citations and notes (brf:house-style, written by briefc). -->
  <xsl:key name="piece" match="brf:piece" use="@n"/>

  <!-- The model is data, printed only where a format asks for it; the source
       bibliography is printed through the model's entries. -->
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


  <!-- Structured citations (Chicago 17th ed., notes and bibliography) ============ -->

  <!-- A written citation's text: as written, or, with citations='chicago', written
       again from the model as a biblioref would be. -->
  <xsl:template match="db:citation" mode="cited">
    <xsl:choose>
      <xsl:when test="@brf:piece">
        <xsl:apply-templates select="key('piece', @brf:piece)/node()"/>
      </xsl:when>
      <xsl:when test="$citations = 'chicago' and @brf:work">
        <xsl:apply-templates select="key('work', @brf:work)" mode="citation">
          <xsl:with-param name="ref" select="."/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Written again, a citation ends as its written self did: with its last "." or
       ",", or with nothing when the punctuation stands after it. -->
  <xsl:template match="db:citation" mode="taken">
    <xsl:variable name="text" select="normalize-space(.)"/>
    <xsl:variable name="last" select="substring($text, string-length($text))"/>
    <xsl:if test="$last = '.' or $last = ','"><xsl:value-of select="$last"/></xsl:if>
  </xsl:template>

  <!-- A biblioref is replaced by its work's citation in the form briefc chose. -->
  <xsl:template match="db:biblioref">
    <xsl:apply-templates select="key('work', @brf:work)" mode="citation">
      <xsl:with-param name="ref" select="."/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- With an in-text CSL style, the space before the citation that stands at a
       note's marker, unless the text before it ends in one. -->
  <xsl:template match="db:footnote" mode="in-text-space">
    <xsl:variable name="before" select="preceding-sibling::node()[1][self::text()]"/>
    <xsl:if test="not($before) or translate(substring($before, string-length($before)), ' &#9;&#10;&#13;', '') != ''">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- With a CSL style, a biblioref is the engine's citation, then the punctuation
       taken from after it unless the citation ends with it. -->
  <xsl:template match="db:biblioref[@brf:piece]">
    <xsl:variable name="text" select="string(key('piece', @brf:piece))"/>
    <xsl:apply-templates select="key('piece', @brf:piece)/node()"/>
    <xsl:if test="substring($text, string-length($text)) != @brf:taken">
      <xsl:value-of select="@brf:taken"/>
    </xsl:if>
  </xsl:template>

  <!-- The "." or "," written right after a biblioref belongs to the citation, which
       places it: inside a closing quotation mark, or nowhere after "?", "!" or a
       period. briefc has taken it off the text that follows (brf:taken). -->
  <xsl:template match="db:biblioref" mode="taken">
    <xsl:value-of select="@brf:taken"/>
  </xsl:template>

  <!-- A work as the note of REF (a biblioref, or a citation written again) cites it:
       by REF's position, in full the first time, as Ibid. right after the same
       work, else in short form. -->
  <xsl:template match="brf:work" mode="citation">
    <xsl:param name="ref"/>
    <xsl:choose>
      <!-- Ibid. of the same place as the citation before it is bare. -->
      <xsl:when test="$ref/@brf:position = 'ibid' and $ref/@brf:same-place">
        <xsl:text>Ibid.</xsl:text>
        <xsl:call-template name="punct">
          <xsl:with-param name="after" select="'Ibid.'"/>
          <xsl:with-param name="punct"><xsl:apply-templates select="$ref" mode="taken"/></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$ref/@brf:position = 'ibid'">
        <xsl:call-template name="locator">
          <xsl:with-param name="ref" select="$ref"/>
          <xsl:with-param name="before" select="'Ibid.'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$ref/@brf:position = 'subsequent'">
        <xsl:apply-templates select="." mode="short-note">
          <xsl:with-param name="ref" select="$ref"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="full-note">
          <xsl:with-param name="ref" select="$ref"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Jane Smith, “Title,” <i>Journal</i> 12, no. 3 (2019): 12
       Wolfram Lacher, <i>Title</i> (Publisher, 2020), 3 -->
  <xsl:template match="brf:work" mode="full-note">
    <xsl:param name="ref"/>
    <xsl:variable name="body">
      <xsl:apply-templates select="." mode="authors-then-comma">
        <xsl:with-param name="as" select="'full'"/>
      </xsl:apply-templates>
      <xsl:choose>
        <xsl:when test="brf:container">
          <xsl:call-template name="title">
            <xsl:with-param name="text" select="brf:title"/>
            <xsl:with-param name="punct" select="','"/>
          </xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:apply-templates select="brf:container" mode="publication">
            <xsl:with-param name="in-note" select="true()"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="title">
            <xsl:with-param name="text" select="brf:title"/>
          </xsl:call-template>
          <xsl:text> (</xsl:text>
          <xsl:apply-templates select="." mode="imprint"/>
          <xsl:text>)</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="locator">
      <xsl:with-param name="ref" select="$ref"/>
      <xsl:with-param name="before" select="$body"/>
      <!-- Chicago: a colon after a journal's volume and issue, a comma elsewhere. -->
      <xsl:with-param name="separator">
        <xsl:choose>
          <xsl:when test="brf:container[@kind = 'journal' or @kind = 'webpage']
                          and (brf:volume or brf:number)">: </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Smith, “Short Title,” 20 -->
  <xsl:template match="brf:work" mode="short-note">
    <xsl:param name="ref"/>
    <xsl:variable name="end"><xsl:apply-templates select="$ref" mode="taken"/></xsl:variable>
    <xsl:apply-templates select="." mode="authors-then-comma">
      <xsl:with-param name="as" select="'short'"/>
    </xsl:apply-templates>
    <xsl:choose>
      <xsl:when test="$ref/@brf:locator">
        <xsl:call-template name="title">
          <xsl:with-param name="text" select="brf:short-title"/>
          <xsl:with-param name="punct" select="','"/>
        </xsl:call-template>
        <xsl:value-of select="concat(' ', $ref/@brf:locator, $end)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="title">
          <xsl:with-param name="text" select="brf:short-title"/>
          <xsl:with-param name="punct" select="$end"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Ends a note's citation: BEFORE (its text so far), then SEPARATOR and REF's
       locator when it has one, then the punctuation taken from after REF. -->
  <xsl:template name="locator">
    <xsl:param name="ref"/>
    <xsl:param name="before"/>
    <xsl:param name="separator" select="', '"/>
    <xsl:variable name="end"><xsl:apply-templates select="$ref" mode="taken"/></xsl:variable>
    <xsl:copy-of select="$before"/>
    <xsl:choose>
      <xsl:when test="$ref/@brf:locator">
        <xsl:value-of select="concat($separator, $ref/@brf:locator, $end)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="punct">
          <xsl:with-param name="after" select="string($before)"/>
          <xsl:with-param name="punct" select="$end"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Smith, Jane. “Title.” <i>Journal</i> 12, no. 3 (2019). https://doi.org/…
       Lacher, Wolfram. <i>Title</i>. Publisher, 2020. -->
  <xsl:template match="brf:work" mode="entry">
    <xsl:variable name="authors">
      <xsl:apply-templates select="." mode="authors">
        <xsl:with-param name="as" select="'bibliography'"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:if test="string($authors)">
      <xsl:call-template name="sentence"><xsl:with-param name="text" select="$authors"/></xsl:call-template>
      <xsl:text> </xsl:text>
    </xsl:if>
    <!-- Every work a biblioref cites has a title; one cited as written may not. -->
    <xsl:if test="brf:title">
      <xsl:call-template name="title">
        <xsl:with-param name="text" select="brf:title"/>
        <xsl:with-param name="punct" select="'.'"/>
      </xsl:call-template>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:call-template name="sentence">
      <xsl:with-param name="text">
        <xsl:apply-templates select="brf:container" mode="publication"/>
        <xsl:if test="not(brf:container)"><xsl:apply-templates select="." mode="imprint"/></xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:apply-templates select="brf:doi | brf:url[not(../brf:doi)]" mode="entry"/>
  </xsl:template>

  <xsl:template match="brf:doi" mode="entry">
    <xsl:text> </xsl:text>
    <xsl:call-template name="url"><xsl:with-param name="href" select="concat('https://doi.org/', .)"/></xsl:call-template>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <xsl:template match="brf:url" mode="entry">
    <xsl:text> </xsl:text>
    <xsl:call-template name="url"><xsl:with-param name="href" select="."/></xsl:call-template>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <!-- Where a work in a container appeared, after its title; IN-NOTE: as a note
       prints it, else as the bibliography does. A journal or website:
       <i>Journal</i> 12, no. 3 (2019) or, unnumbered, <i>Newspaper</i>, May 2, 2016 -->
  <xsl:template match="brf:container[@kind = 'journal' or @kind = 'webpage']" mode="publication">
    <xsl:call-template name="italic"><xsl:with-param name="content" select="string(.)"/></xsl:call-template>
    <xsl:choose>
      <xsl:when test="../brf:volume or ../brf:number">
        <xsl:if test="../brf:volume"><xsl:value-of select="concat(' ', ../brf:volume)"/></xsl:if>
        <xsl:if test="../brf:number"><xsl:value-of select="concat(', no. ', ../brf:number)"/></xsl:if>
        <xsl:text> (</xsl:text>
        <xsl:apply-templates select=".." mode="date">
          <xsl:with-param name="year-only" select="true()"/>
        </xsl:apply-templates>
        <xsl:text>)</xsl:text>
      </xsl:when>
      <xsl:when test="../brf:date">
        <xsl:text>, </xsl:text>
        <xsl:apply-templates select=".." mode="date"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Series, no. 120 (Publisher, August 2013) -->
  <xsl:template match="brf:container[@kind = 'series']" mode="publication">
    <xsl:value-of select="."/>
    <xsl:if test="../brf:number"><xsl:value-of select="concat(', no. ', ../brf:number)"/></xsl:if>
    <xsl:text> (</xsl:text>
    <xsl:apply-templates select=".." mode="imprint"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- in <i>Book</i> (Publisher, 2019), or In <i>Book</i>. Publisher, 2019 -->
  <xsl:template match="brf:container[@kind = 'book']" mode="publication">
    <xsl:param name="in-note" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-note">
        <xsl:text>in </xsl:text>
        <xsl:call-template name="italic"><xsl:with-param name="content" select="string(.)"/></xsl:call-template>
        <xsl:text> (</xsl:text>
        <xsl:apply-templates select=".." mode="imprint"/>
        <xsl:text>)</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>In </xsl:text>
        <xsl:call-template name="italic"><xsl:with-param name="content" select="string(.)"/></xsl:call-template>
        <xsl:call-template name="punct">
          <xsl:with-param name="after" select="string(.)"/>
          <xsl:with-param name="punct" select="'.'"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:apply-templates select=".." mode="imprint"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Publisher, Date"; a work without a date has "n.d." -->
  <xsl:template match="brf:work" mode="imprint">
    <xsl:if test="brf:publisher"><xsl:value-of select="concat(brf:publisher, ', ')"/></xsl:if>
    <xsl:apply-templates select="." mode="date"/>
  </xsl:template>

  <!-- "January 15, 2016", "August 2013" or "2014" from the date's parts, in the
       brief's language; a date briefc could not take apart is printed as written. -->
  <xsl:template match="brf:work" mode="date">
    <xsl:param name="year-only" select="false()"/>
    <xsl:variable name="date" select="brf:date"/>
    <xsl:choose>
      <xsl:when test="not($date)">
        <xsl:call-template name="label">
          <xsl:with-param name="key" select="'no-date'"/><xsl:with-param name="lang" select="$lang"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$date/@year and ($year-only or not($date/@month))">
        <xsl:value-of select="$date/@year"/>
      </xsl:when>
      <xsl:when test="$date/@year">
        <xsl:call-template name="date">
          <xsl:with-param name="year" select="$date/@year"/>
          <xsl:with-param name="month" select="$date/@month"/>
          <xsl:with-param name="day" select="string($date/@day)"/>
          <xsl:with-param name="lang" select="$lang"/>
          <xsl:with-param name="months" select="$month-names"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The authors of a work, AS a full note ("Jane Smith"), a short note ("Smith")
       or the bibliography ("Smith, Jane", only the first inverted) names them:
       "A", "A and B", "A, B, and C"; notes shorten four or more to "A et al.".
       Nothing for an unsigned work or one by various authors. -->
  <xsl:template match="brf:work" mode="authors">
    <xsl:param name="as"/>
    <xsl:variable name="authors" select="brf:author[not(../@various-authors = 'yes')]"/>
    <xsl:choose>
      <xsl:when test="$as != 'bibliography' and count($authors) &gt; 3">
        <xsl:apply-templates select="$authors[1]" mode="name">
          <xsl:with-param name="as" select="$as"/>
        </xsl:apply-templates>
        <xsl:text> et al.</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$authors">
          <!-- A comma also closes an inverted first name: "Smith, Jane, and Al Roe". -->
          <xsl:if test="position() &gt; 1 and (last() &gt; 2 or
                        ($as = 'bibliography' and $authors[1]/@family and $authors[1]/@given))">,</xsl:if>
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:if test="position() &gt; 1 and position() = last()">and </xsl:if>
          <xsl:apply-templates select="." mode="name">
            <xsl:with-param name="as" select="$as"/>
          </xsl:apply-templates>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="brf:work" mode="authors-then-comma">
    <xsl:param name="as"/>
    <xsl:variable name="authors">
      <xsl:apply-templates select="." mode="authors"><xsl:with-param name="as" select="$as"/></xsl:apply-templates>
    </xsl:variable>
    <xsl:if test="string($authors)"><xsl:value-of select="concat($authors, ', ')"/></xsl:if>
  </xsl:template>

  <!-- One name; an organisation, or a person with one name part, as it is. -->
  <xsl:template match="brf:author" mode="name">
    <xsl:param name="as"/>
    <xsl:choose>
      <xsl:when test="@literal"><xsl:value-of select="@literal"/></xsl:when>
      <xsl:when test="not(@family and @given)"><xsl:value-of select="concat(@family, @given)"/></xsl:when>
      <xsl:when test="$as = 'short'"><xsl:value-of select="@family"/></xsl:when>
      <xsl:when test="$as = 'bibliography' and not(preceding-sibling::brf:author)">
        <xsl:value-of select="concat(@family, ', ', @given)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(@given, ' ', @family)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A work's TEXT (its title or short title) as Chicago sets it, then PUNCT: in
       quotation marks when the work is part of something (in a container: an
       article, a chapter, a paper in a series; or an article its note quoted),
       with PUNCT inside them; else, a whole book or report, in italics. -->
  <xsl:template name="title">
    <xsl:param name="text"/>
    <xsl:param name="punct"/>
    <xsl:choose>
      <xsl:when test="brf:container or @type = 'article'">
        <xsl:text>“</xsl:text>
        <!-- Quotation marks within quotation marks become single ones. -->
        <xsl:value-of select="translate($text, '“”', '‘’')"/>
        <xsl:call-template name="punct">
          <xsl:with-param name="after" select="string($text)"/>
          <xsl:with-param name="punct" select="$punct"/>
        </xsl:call-template>
        <xsl:text>”</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="italic"><xsl:with-param name="content" select="string($text)"/></xsl:call-template>
        <xsl:call-template name="punct">
          <xsl:with-param name="after" select="string($text)"/>
          <xsl:with-param name="punct" select="$punct"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- TEXT (a result fragment) closed by a period. -->
  <xsl:template name="sentence">
    <xsl:param name="text"/>
    <xsl:copy-of select="$text"/>
    <xsl:call-template name="punct">
      <xsl:with-param name="after" select="string($text)"/>
      <xsl:with-param name="punct" select="'.'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- PUNCT ("." or ","), unless the text AFTER which it comes already ends on
       "?" or "!" (Chicago then drops both), or on a period when PUNCT is one. -->
  <xsl:template name="punct">
    <xsl:param name="after"/>
    <xsl:param name="punct"/>
    <xsl:variable name="last" select="substring($after, string-length($after))"/>
    <xsl:if test="not($last = '?' or $last = '!' or ($last = '.' and $punct = '.'))">
      <xsl:value-of select="$punct"/>
    </xsl:if>
  </xsl:template>

  <!-- Hooks: each format overrides these with its own markup. ================== -->

  <!-- A title set in italics. -->
  <xsl:template name="italic">
    <xsl:param name="content"/>
    <xsl:value-of select="$content"/>
  </xsl:template>

  <!-- A web address. -->
  <xsl:template name="url">
    <xsl:param name="href"/>
    <xsl:value-of select="$href"/>
  </xsl:template>
</xsl:stylesheet>
