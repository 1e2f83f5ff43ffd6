<?xml version="1.0" encoding="UTF-8"?>
<!-- labels.xsl - the words briefc adds to a brief ("Notes", "Bibliography", "Cited in
     notes 1, 2, and 3", "Contents", the links' aria-labels), in the brief's language
     (en, es, fr, de, ar; English for any other), and its writing direction. Included
     by common.xsl and epub-nav.xsl; each gives the language. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- LANG: the primary subtag of an xml:lang or lang, lower-cased ("es" of "es-ES"). -->
  <xsl:template name="primary-language">
    <xsl:param name="tag"/>
    <xsl:value-of select="translate(substring-before(concat($tag, '-'), '-'),
                          'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
  </xsl:template>

  <!-- "rtl" for a language written right to left, else "ltr". -->
  <xsl:template name="direction">
    <xsl:param name="lang"/>
    <xsl:choose>
      <xsl:when test="$lang = 'ar' or $lang = 'he' or $lang = 'fa' or $lang = 'ur'">rtl</xsl:when>
      <xsl:otherwise>ltr</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The labels, LANG:KEY=label between bars, looked up by string (a table of one
       literal compiles in no time, and this file is compiled into four stylesheets).
       Keys: notes, bibliography, cited-in-note, cited-in-notes, contents, note (before
       a note's number), back (a note's link back), and. -->
  <xsl:variable name="label-table"
                select="concat('|en:notes=Notes|en:bibliography=Bibliography|en:cited-in-note=Cited in note|en:cited-in-notes=Cited in notes|en:contents=Contents|en:note=Note|en:back=Back to the text|en:and=and|',
                  'es:notes=Notas|es:bibliography=Bibliografía|es:cited-in-note=Citado en la nota|es:cited-in-notes=Citado en las notas|es:contents=Índice|es:note=Nota|es:back=Volver al texto|es:and=y|',
                  'fr:notes=Notes|fr:bibliography=Bibliographie|fr:cited-in-note=Cité dans la note|fr:cited-in-notes=Cité dans les notes|fr:contents=Table des matières|fr:note=Note|fr:back=Retour au texte|fr:and=et|',
                  'de:notes=Anmerkungen|de:bibliography=Literaturverzeichnis|de:cited-in-note=Zitiert in Anmerkung|de:cited-in-notes=Zitiert in den Anmerkungen|de:contents=Inhalt|de:note=Anmerkung|de:back=Zurück zum Text|de:and=und|',
                  'ar:notes=الحواشي|ar:bibliography=المراجع|ar:cited-in-note=ورد في الحاشية|ar:cited-in-notes=ورد في الحواشي|ar:contents=المحتويات|ar:note=حاشية|ar:back=العودة إلى النص|ar:and=و|')"/>

  <!-- The label KEY in LANG, else in English. -->
  <xsl:template name="label">
    <xsl:param name="key"/>
    <xsl:param name="lang"/>
    <xsl:variable name="found"
                  select="substring-before(substring-after($label-table, concat('|', $lang, ':', $key, '=')), '|')"/>
    <xsl:choose>
      <xsl:when test="$found != ''"><xsl:value-of select="$found"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="substring-before(substring-after($label-table, concat('|en:', $key, '=')), '|')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What stands before the item at POSITION of LAST in a list written out in LANG:
       nothing, ", ", or the conjunction, after a serial comma in English ("1, 2, and
       3"; "1 and 2"; "1, 2 y 3"). -->
  <xsl:template name="list-separator">
    <xsl:param name="position"/>
    <xsl:param name="last"/>
    <xsl:param name="lang"/>
    <xsl:choose>
      <xsl:when test="$position = 1"/>
      <xsl:when test="$position &lt; $last">, </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$last &gt; 2 and not($lang = 'es' or $lang = 'fr' or $lang = 'de' or $lang = 'ar')">,</xsl:if>
        <xsl:text> </xsl:text>
        <xsl:call-template name="label">
          <xsl:with-param name="key" select="'and'"/>
          <xsl:with-param name="lang" select="$lang"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
