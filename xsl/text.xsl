<?xml version="1.0" encoding="UTF-8"?>
<!-- text.xsl - a brief as plain text: everything a reader sees, as the layout that
     src/text.c sets in lines of 72 columns (its vocabulary is documented there):
     title block, underlined headings, "[n]" note markers with the notes at the end
     or after each block, indented lists and quotes, then the bibliography. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:db="http://docbook.org/ns/docbook"
                xmlns:xlink="http://www.w3.org/1999/xlink"
                xmlns:brf="urn:x-briefc:resolved"
                exclude-result-prefixes="db xlink brf">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- Columns by which a quotation is indented, and a bibliography entry hangs. -->
  <xsl:variable name="step" select="4"/>

  <!-- The widest note marker, "[19] ": every marker is padded to it, so that the
       notes' text starts in one column. -->
  <xsl:variable name="note-marker-width"
                select="string-length(/db:article/@brf:notes) + 3"/>

  <!-- The parameter notes is common.xsl's. -->
  <xsl:template match="/">
    <xsl:if test="not($notes = 'endnotes' or $notes = 'footnotes')">
      <xsl:message terminate="yes">text.xsl: notes is endnotes or footnotes, not "<xsl:value-of select="$notes"/>"</xsl:message>
    </xsl:if>
    <layout>
      <xsl:apply-templates select="db:article"/>
    </layout>
  </xsl:template>

  <xsl:template match="db:article">
    <xsl:apply-templates select="db:info"/>
    <xsl:apply-templates select="*[not(self::db:info)]"/>
    <xsl:if test="$notes = 'endnotes' and .//db:footnote[not(@brf:in-text)]">
      <heading underline="-"><xsl:value-of select="$label-notes"/></heading>
      <xsl:apply-templates select=".//db:footnote[not(@brf:in-text)]" mode="note"/>
    </xsl:if>
    <xsl:apply-templates select="brf:bibliography[../brf:house-style/brf:entry]" mode="section"/>
  </xsl:template>

  <!-- The title block: the title, the subtitle, then a line each for every author
       and affiliation and for the date. -->
  <xsl:template match="db:info">
    <heading underline="="><xsl:apply-templates select="db:title/node()"/></heading>
    <xsl:for-each select="db:subtitle">
      <block><xsl:apply-templates/></block>
    </xsl:for-each>
    <xsl:for-each select="db:author | db:author/db:affiliation | db:editor[1] | db:pubdate">
      <block>
        <xsl:if test="position() &gt; 1"><xsl:attribute name="tight">yes</xsl:attribute></xsl:if>
        <xsl:apply-templates select="." mode="byline"/>
      </block>
    </xsl:for-each>
    <xsl:apply-templates select="db:abstract/db:para"/>
  </xsl:template>

  <xsl:template match="db:author | db:affiliation" mode="byline">
    <xsl:apply-templates select="." mode="plain"/>
  </xsl:template>
  <xsl:template match="db:pubdate" mode="byline"><xsl:apply-templates select="." mode="shown"/></xsl:template>
  <!-- "Edited by A and B", on one line for all the editors. -->
  <xsl:template match="db:editor" mode="byline">
    <xsl:value-of select="concat($label-edited-by, ' ')"/>
    <xsl:for-each select="../db:editor">
      <xsl:call-template name="list-separator">
        <xsl:with-param name="position" select="position()"/>
        <xsl:with-param name="last" select="last()"/>
        <xsl:with-param name="lang" select="$lang"/>
      </xsl:call-template>
      <xsl:apply-templates select="." mode="plain"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Headings: "-" under a top-level section's title, "~" under deeper ones. -->
  <xsl:template match="db:section">
    <heading>
      <xsl:attribute name="underline">
        <xsl:choose>
          <xsl:when test="ancestor::db:section">~</xsl:when>
          <xsl:otherwise>-</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:apply-templates select="db:title/node()"/>
    </heading>
    <xsl:apply-templates select="*[not(self::db:title)]"/>
  </xsl:template>

  <!-- Blocks. INDENT is the column the block's text starts in; TIGHT sets it right
       under the block before it; MARKER begins its first line. -->
  <xsl:template match="db:para">
    <xsl:param name="indent" select="0"/>
    <xsl:param name="tight" select="false()"/>
    <xsl:param name="marker" select="''"/>
    <block>
      <xsl:if test="$indent &gt; 0"><xsl:attribute name="indent"><xsl:value-of select="$indent"/></xsl:attribute></xsl:if>
      <xsl:if test="$marker != ''"><xsl:attribute name="marker"><xsl:value-of select="$marker"/></xsl:attribute></xsl:if>
      <xsl:if test="$tight"><xsl:attribute name="tight">yes</xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </block>
    <xsl:call-template name="notes-of"><xsl:with-param name="indent" select="$indent"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="db:blockquote">
    <xsl:param name="indent" select="0"/>
    <xsl:apply-templates select="*[not(self::db:attribution)]">
      <xsl:with-param name="indent" select="$indent + $step"/>
    </xsl:apply-templates>
    <xsl:for-each select="db:attribution">
      <block indent="{$indent + $step}" tight="yes">— <xsl:apply-templates/></block>
    </xsl:for-each>
    <xsl:call-template name="notes-of"><xsl:with-param name="indent" select="$indent + $step"/></xsl:call-template>
  </xsl:template>

  <!-- A figure: each image as what it shows, "[Image: a chart of ...]", then the
       caption, "Figure 1. Title", and the images' captions, set right under it. -->
  <xsl:template match="db:figure | db:informalfigure | db:mediaobject">
    <xsl:param name="indent" select="0"/>
    <xsl:for-each select="descendant-or-self::db:mediaobject">
      <block indent="{$indent}">
        <xsl:if test="position() &gt; 1"><xsl:attribute name="tight">yes</xsl:attribute></xsl:if>
        <xsl:variable name="alt"><xsl:apply-templates select="." mode="alt"/></xsl:variable>
        <xsl:text>[</xsl:text>
        <xsl:call-template name="label">
          <xsl:with-param name="key" select="'image'"/><xsl:with-param name="lang" select="$lang"/>
        </xsl:call-template>
        <xsl:if test="$alt != ''"><xsl:value-of select="concat(': ', $alt)"/></xsl:if>
        <xsl:text>]</xsl:text>
      </block>
    </xsl:for-each>
    <xsl:if test="db:title">
      <block indent="{$indent}" tight="yes">
        <xsl:apply-templates select="." mode="caption-label"/>
        <xsl:apply-templates select="db:title/node()"/>
      </block>
    </xsl:if>
    <xsl:for-each select="descendant-or-self::db:mediaobject/db:caption/db:para">
      <block indent="{$indent}" tight="yes"><xsl:apply-templates/></block>
    </xsl:for-each>
    <xsl:call-template name="notes-of"><xsl:with-param name="indent" select="$indent"/></xsl:call-template>
  </xsl:template>

  <!-- A table: its caption, "Table 1. Title", then its rows, head rows above a rule,
       as text.c lays them out in the columns left. -->
  <xsl:template match="db:table | db:informaltable">
    <xsl:param name="indent" select="0"/>
    <xsl:if test="db:title">
      <block indent="{$indent}">
        <xsl:apply-templates select="." mode="caption-label"/>
        <xsl:apply-templates select="db:title/node()"/>
      </block>
    </xsl:if>
    <table>
      <xsl:if test="$indent &gt; 0"><xsl:attribute name="indent"><xsl:value-of select="$indent"/></xsl:attribute></xsl:if>
      <xsl:if test="db:title"><xsl:attribute name="tight">yes</xsl:attribute></xsl:if>
      <xsl:for-each select="db:tgroup/db:thead/db:row | db:tgroup/db:tbody/db:row">
        <row>
          <xsl:if test="parent::db:thead"><xsl:attribute name="head">yes</xsl:attribute></xsl:if>
          <xsl:for-each select="db:entry">
            <!-- A cell of paragraphs is one text, its paragraphs a space apart. -->
            <cell>
              <xsl:for-each select="node()">
                <xsl:if test="self::db:para and preceding-sibling::db:para"><xsl:text> </xsl:text></xsl:if>
                <xsl:choose>
                  <xsl:when test="self::db:para"><xsl:apply-templates/></xsl:when>
                  <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </cell>
          </xsl:for-each>
        </row>
      </xsl:for-each>
    </table>
    <xsl:call-template name="notes-of"><xsl:with-param name="indent" select="$indent"/></xsl:call-template>
  </xsl:template>

  <!-- A list of terms: its title, then each term on a line, what it means indented
       under it. -->
  <xsl:template match="db:variablelist">
    <xsl:param name="indent" select="0"/>
    <xsl:for-each select="db:title">
      <block indent="{$indent}"><xsl:apply-templates/></block>
    </xsl:for-each>
    <xsl:for-each select="db:varlistentry">
      <xsl:variable name="first-entry" select="position() = 1"/>
      <xsl:for-each select="db:term">
        <block indent="{$indent}">
          <xsl:if test="position() &gt; 1 or ($first-entry and ../../db:title)">
            <xsl:attribute name="tight">yes</xsl:attribute>
          </xsl:if>
          <xsl:apply-templates/>
        </block>
      </xsl:for-each>
      <xsl:for-each select="db:listitem/*">
        <xsl:apply-templates select=".">
          <xsl:with-param name="indent" select="$indent + $step"/>
          <xsl:with-param name="tight" select="position() = 1"/>
        </xsl:apply-templates>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- An admonition (under its title, or "Note") and a sidebar (under its title, if
       any): their blocks indented below. -->
  <xsl:template match="db:note | db:sidebar">
    <xsl:param name="indent" select="0"/>
    <xsl:variable name="title">
      <xsl:apply-templates select="self::db:note" mode="title"/>
      <xsl:apply-templates select="self::db:sidebar/db:title/node()"/>
    </xsl:variable>
    <xsl:if test="string($title) != ''">
      <block indent="{$indent}"><xsl:copy-of select="$title"/></block>
    </xsl:if>
    <xsl:for-each select="*[not(self::db:title)]">
      <xsl:apply-templates select=".">
        <xsl:with-param name="indent" select="$indent + $step"/>
        <xsl:with-param name="tight" select="position() = 1 and string($title) != ''"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- A list is indented by two columns, its item's text by four: "  * text". Items
       follow each other without a blank line, unless an item has several blocks or
       notes printed after it. -->
  <xsl:template match="db:itemizedlist | db:orderedlist">
    <xsl:param name="indent" select="0"/>
    <xsl:apply-templates select="db:listitem">
      <xsl:with-param name="indent" select="$indent + 2"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="db:listitem">
    <xsl:param name="indent"/>
    <xsl:variable name="marker-tree">
      <xsl:choose>
        <xsl:when test="parent::db:orderedlist">
          <!-- Numbers right-aligned: " 9. " above "10. ". -->
          <xsl:variable name="n" select="count(preceding-sibling::db:listitem) + 1"/>
          <xsl:value-of select="substring('         ', 1,
              string-length(count(../db:listitem)) - string-length($n))"/>
          <xsl:value-of select="concat($n, '. ')"/>
        </xsl:when>
        <xsl:otherwise>* </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="marker" select="string($marker-tree)"/>
    <xsl:variable name="previous" select="preceding-sibling::db:listitem[1]"/>
    <xsl:variable name="loose" select="count(*) &gt; 1 or count($previous/*) &gt; 1 or
        ($notes = 'footnotes' and $previous//db:footnote[not(@brf:in-text)]
         and not(ancestor::db:listitem or ancestor::db:blockquote))"/>
    <xsl:variable name="inner" select="$indent + string-length($marker)"/>
    <xsl:choose>
      <xsl:when test="*[1][self::db:para]">
        <xsl:apply-templates select="*[1]">
          <xsl:with-param name="indent" select="$indent"/>
          <xsl:with-param name="marker" select="$marker"/>
          <xsl:with-param name="tight" select="$previous and not($loose)"/>
        </xsl:apply-templates>
        <xsl:apply-templates select="*[position() &gt; 1]">
          <xsl:with-param name="indent" select="$inner"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <!-- An item that begins with a list or quotation: its marker on a line
             of its own. -->
        <block indent="{$indent}" marker="{$marker}">
          <xsl:if test="$previous and not($loose)"><xsl:attribute name="tight">yes</xsl:attribute></xsl:if>
        </block>
        <xsl:apply-templates select="*">
          <xsl:with-param name="indent" select="$inner"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="notes-of">
      <xsl:with-param name="indent" select="$inner"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Footnotes mode: the notes of the current block are printed right after it, at
       INDENT, unless it lies in a list item or quotation, which prints the notes of
       all its blocks after itself. -->
  <xsl:template name="notes-of">
    <xsl:param name="indent" select="0"/>
    <xsl:if test="$notes = 'footnotes' and not(ancestor::db:listitem or ancestor::db:blockquote)">
      <xsl:apply-templates select=".//db:footnote[not(@brf:in-text)]" mode="note">
        <xsl:with-param name="indent" select="$indent"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <!-- A note: its number, padded, then its first paragraph; its other paragraphs under
       the text. Notes follow each other without a blank line. -->
  <xsl:template match="db:footnote" mode="note">
    <xsl:param name="indent" select="0"/>
    <xsl:variable name="first" select="position() = 1"/>
    <xsl:variable name="n"><xsl:apply-templates select="." mode="number"/></xsl:variable>
    <xsl:variable name="marker" select="concat('[', $n, '] ')"/>
    <xsl:for-each select="db:para">
      <block>
        <xsl:choose>
          <xsl:when test="position() = 1">
            <xsl:if test="$indent &gt; 0"><xsl:attribute name="indent"><xsl:value-of select="$indent"/></xsl:attribute></xsl:if>
            <xsl:attribute name="marker">
              <xsl:value-of select="substring('          ', 1, $note-marker-width - string-length($marker))"/>
              <xsl:value-of select="$marker"/>
            </xsl:attribute>
          </xsl:when>
          <xsl:otherwise>
            <xsl:attribute name="indent"><xsl:value-of select="$indent + $note-marker-width"/></xsl:attribute>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="not($first and position() = 1)"><xsl:attribute name="tight">yes</xsl:attribute></xsl:if>
        <xsl:apply-templates/>
      </block>
    </xsl:for-each>
  </xsl:template>

  <!-- Inlines: what a reader sees of the markup. -->
  <xsl:template match="db:emphasis">_<xsl:apply-templates/>_</xsl:template>
  <xsl:template match="db:emphasis[@role = 'bold' or @role = 'strong']">*<xsl:apply-templates/>*</xsl:template>
  <xsl:template match="db:citetitle[@role = 'container']">_<xsl:value-of select="."/>_</xsl:template>
  <!-- A link to elsewhere keeps its address: "text <https://…>"; an empty one is
       its address. -->
  <xsl:template match="db:link[@xlink:href]">
    <xsl:apply-templates/>
    <xsl:choose>
      <xsl:when test="not(node())"><xsl:value-of select="@xlink:href"/></xsl:when>
      <xsl:when test="string(.) != @xlink:href">
        <xsl:value-of select="concat(' &lt;', @xlink:href, '&gt;')"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="db:xref">
    <xsl:apply-templates select="id(@linkend)" mode="xref-text"/>
  </xsl:template>
  <!-- An address as written; "text <address>" when it links elsewhere. -->
  <xsl:template match="db:uri">
    <xsl:apply-templates/>
    <xsl:if test="@xlink:href and normalize-space(.) != normalize-space(@xlink:href)">
      <xsl:value-of select="concat(' &lt;', normalize-space(@xlink:href), '&gt;')"/>
    </xsl:if>
  </xsl:template>

  <!-- A note's number in brackets; with an in-text CSL style, a note that only cites
       is its citation, at its marker. (A test in the template, not a predicate in a
       pattern, which libxslt would evaluate as XPath for every note.) -->
  <xsl:template match="db:footnote">
    <xsl:choose>
      <xsl:when test="@brf:in-text">
        <xsl:apply-templates select="." mode="in-text-space"/>
        <xsl:apply-templates select="key('piece', @brf:in-text)/node()"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('[', @brf:note, ']')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="db:footnoteref[id(@linkend)/@brf:in-text]">
    <xsl:apply-templates select="id(@linkend)"/>
  </xsl:template>
  <xsl:template match="db:footnoteref">
    <xsl:value-of select="concat('[', id(@linkend)/@brf:note, ']')"/>
  </xsl:template>

  <!-- A citation written out in a note prints as written, every character of it,
       none added, unless the house style wrote it again (common.xsl). -->
  <xsl:template match="db:citation">
    <xsl:apply-templates select="." mode="cited"/>
  </xsl:template>
  <xsl:template match="db:citation//*" priority="2"><xsl:apply-templates/></xsl:template>

  <!-- The bibliography, after the notes: one entry per work, hanging, then the notes
       that cite it. -->
  <xsl:template match="brf:bibliography" mode="section">
    <heading underline="-">
      <xsl:variable name="title" select="../db:bibliography/db:title"/>
      <xsl:apply-templates select="$title/node()"/>
      <xsl:if test="not($title)"><xsl:value-of select="$label-bibliography"/></xsl:if>
    </heading>
    <xsl:apply-templates select="../brf:house-style/brf:entry" mode="section"/>
  </xsl:template>

  <!-- An entry as the house style wrote it, in the style's order; the notes that
       cite its work when the citations are notes. -->
  <xsl:template match="brf:entry" mode="section">
    <block hang="{$step}"><xsl:apply-templates/></block>
    <xsl:if test="../@class = 'note'">
      <xsl:apply-templates select="key('work', @work)" mode="cited-in"/>
    </xsl:if>
  </xsl:template>

  <!-- A numeric style's entry number (house style): a space between it and the
       entry. (The role tested in the template: a predicate in the pattern would be
       evaluated for every phrase of the brief.) -->
  <xsl:template match="brf:house-style//db:phrase">
    <xsl:apply-templates/>
    <xsl:if test="@role = 'csl-left-margin'"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="brf:work" mode="cited-in">
    <!-- cited-by is in note order, so a note that cites the work twice repeats the
         one before it: each note is listed once. -->
    <xsl:variable name="citing" select="brf:cited-by[not(@note = preceding-sibling::brf:cited-by[1]/@note)]"/>
    <xsl:if test="$citing">
      <block indent="{$step}" tight="yes">
        <xsl:choose>
          <xsl:when test="count($citing) = 1"><xsl:value-of select="$label-cited-in-note"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$label-cited-in-notes"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:for-each select="$citing">
          <xsl:call-template name="list-separator">
            <xsl:with-param name="position" select="position()"/>
            <xsl:with-param name="last" select="last()"/>
            <xsl:with-param name="lang" select="$lang"/>
          </xsl:call-template>
          <xsl:value-of select="@note"/>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </block>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
