package dev.gitblog.gateway.preview;

import dev.gitblog.gateway.site.PageComposer;

import java.util.List;

/**
 * The composer of preview mode ({@code blog.preview}, run.sh --preview): every HTML page the site composes gets
 * {@code <meta name="robots" content="noindex"/>} and a tiny script that reloads the page when the served
 * revision changes (a long poll of {@code /_preview/revision}, see {@link PreviewRoutes}). Never used when
 * publishing, so published pages carry no script.
 */
public class PreviewPageComposer extends PageComposer {

    /** What goes before {@code </head>}: the noindex meta and the reload script (no build tool, no library). */
    static final String HEAD = "<meta name=\"robots\" content=\"noindex\"/>"
            + "<script>/* preview: reload when the revision changes */(function(){var seen=null;"
            + "function poll(){var x=new XMLHttpRequest();"
            + "x.open('GET','/_preview/revision'+(seen===null?'':'?since='+encodeURIComponent(seen)));"
            + "x.onload=function(){if(x.status!==200){setTimeout(poll,1000);return;}var r=x.responseText;"
            + "if(seen!==null&&r!==seen){location.reload();return;}seen=r;poll();};"
            + "x.onerror=function(){setTimeout(poll,1000);};x.send();}poll();})();</script>";

    static String withPreviewHead(String html) {
        int head = html.indexOf("</head>");
        return head < 0 ? html : html.substring(0, head) + HEAD + html.substring(head);
    }

    @Override
    public String article(Layout layout, ArticleModel article) {
        return withPreviewHead(super.article(layout, article));
    }

    @Override
    public String listing(Layout layout, List<ListingEntry> entries) {
        return withPreviewHead(super.listing(layout, entries));
    }

    @Override
    public String tagOverview(Layout layout, List<TagLink> tags) {
        return withPreviewHead(super.tagOverview(layout, tags));
    }

    @Override
    public String notFound(Layout layout) {
        return withPreviewHead(super.notFound(layout));
    }
}
