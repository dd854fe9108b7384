<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom or RSS feed opened in a browser as a page: its title, then each item with
     its date and summary, linked to the article. Feed readers ignore it. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" indent="yes"/>
  <xsl:template match="/">
    <html>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></title>
        <link rel="stylesheet" href="/static/vendor/bootstrap/bootstrap.min.css"/>
      </head>
      <body class="container py-4">
        <p class="alert alert-info">
          This is a news feed. Copy its address into a feed reader to follow it;
          本页为订阅源，将网址复制到阅读器即可订阅。
        </p>
        <h1 class="h3"><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></h1>
        <ul class="list-unstyled">
          <xsl:for-each select="atom:feed/atom:entry">
            <li class="mb-3">
              <a class="h6" href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a>
              <div class="small text-body-secondary"><xsl:value-of select="substring(atom:updated, 1, 10)"/></div>
              <div><xsl:value-of select="atom:summary"/></div>
            </li>
          </xsl:for-each>
          <xsl:for-each select="rss/channel/item">
            <li class="mb-3">
              <a class="h6" href="{link}"><xsl:value-of select="title"/></a>
              <div class="small text-body-secondary"><xsl:value-of select="pubDate"/></div>
              <div><xsl:value-of select="description"/></div>
            </li>
          </xsl:for-each>
        </ul>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
