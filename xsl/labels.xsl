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

  <!-- The label KEY in LANG: notes, bibliography, cited-in-note, cited-in-notes,
       contents, note (before a note's number), back (a note's link back), and. -->
  <xsl:template name="label">
    <xsl:param name="key"/>
    <xsl:param name="lang"/>
    <xsl:choose>
      <xsl:when test="$lang = 'es'">
        <xsl:choose>
          <xsl:when test="$key = 'notes'">Notas</xsl:when>
          <xsl:when test="$key = 'bibliography'">Bibliografía</xsl:when>
          <xsl:when test="$key = 'cited-in-note'">Citado en la nota</xsl:when>
          <xsl:when test="$key = 'cited-in-notes'">Citado en las notas</xsl:when>
          <xsl:when test="$key = 'contents'">Índice</xsl:when>
          <xsl:when test="$key = 'note'">Nota</xsl:when>
          <xsl:when test="$key = 'back'">Volver al texto</xsl:when>
          <xsl:when test="$key = 'and'">y</xsl:when>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$lang = 'fr'">
        <xsl:choose>
          <xsl:when test="$key = 'notes'">Notes</xsl:when>
          <xsl:when test="$key = 'bibliography'">Bibliographie</xsl:when>
          <xsl:when test="$key = 'cited-in-note'">Cité dans la note</xsl:when>
          <xsl:when test="$key = 'cited-in-notes'">Cité dans les notes</xsl:when>
          <xsl:when test="$key = 'contents'">Table des matières</xsl:when>
          <xsl:when test="$key = 'note'">Note</xsl:when>
          <xsl:when test="$key = 'back'">Retour au texte</xsl:when>
          <xsl:when test="$key = 'and'">et</xsl:when>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$lang = 'de'">
        <xsl:choose>
          <xsl:when test="$key = 'notes'">Anmerkungen</xsl:when>
          <xsl:when test="$key = 'bibliography'">Literaturverzeichnis</xsl:when>
          <xsl:when test="$key = 'cited-in-note'">Zitiert in Anmerkung</xsl:when>
          <xsl:when test="$key = 'cited-in-notes'">Zitiert in den Anmerkungen</xsl:when>
          <xsl:when test="$key = 'contents'">Inhalt</xsl:when>
          <xsl:when test="$key = 'note'">Anmerkung</xsl:when>
          <xsl:when test="$key = 'back'">Zurück zum Text</xsl:when>
          <xsl:when test="$key = 'and'">und</xsl:when>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$lang = 'ar'">
        <xsl:choose>
          <xsl:when test="$key = 'notes'">الحواشي</xsl:when>
          <xsl:when test="$key = 'bibliography'">المراجع</xsl:when>
          <xsl:when test="$key = 'cited-in-note'">ورد في الحاشية</xsl:when>
          <xsl:when test="$key = 'cited-in-notes'">ورد في الحواشي</xsl:when>
          <xsl:when test="$key = 'contents'">المحتويات</xsl:when>
          <xsl:when test="$key = 'note'">حاشية</xsl:when>
          <xsl:when test="$key = 'back'">العودة إلى النص</xsl:when>
          <xsl:when test="$key = 'and'">و</xsl:when>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:choose>
          <xsl:when test="$key = 'notes'">Notes</xsl:when>
          <xsl:when test="$key = 'bibliography'">Bibliography</xsl:when>
          <xsl:when test="$key = 'cited-in-note'">Cited in note</xsl:when>
          <xsl:when test="$key = 'cited-in-notes'">Cited in notes</xsl:when>
          <xsl:when test="$key = 'contents'">Contents</xsl:when>
          <xsl:when test="$key = 'note'">Note</xsl:when>
          <xsl:when test="$key = 'back'">Back to the text</xsl:when>
          <xsl:when test="$key = 'and'">and</xsl:when>
        </xsl:choose>
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
