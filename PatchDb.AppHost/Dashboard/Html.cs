using System.Globalization;
using System.Net;

namespace PatchDb.AppHost.Dashboard;

/// <summary>Server-rendered HTML shell: one stylesheet, a nav bar and a tiny refresher script (no CDN).</summary>
public static class Html
{
    public static string E(object? value) => WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    public static IResult Page(string title, string body, bool showNav = true, int status = StatusCodes.Status200OK) =>
        TypedResults.Content($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(title)}} · PatchDb dashboard</title>
            <style>{{Css}}</style></head>
            <body>
            <header><b>PatchDb</b>{{(showNav ? Nav : "")}}</header>
            <main><h1>{{E(title)}}</h1>{{body}}</main>
            <script>{{Script}}</script>
            </body></html>
            """, "text/html; charset=utf-8", statusCode: status);

    public static IResult Fragment(string html) => TypedResults.Content(html, "text/html; charset=utf-8");

    public static string Duration(TimeSpan d) => d.TotalMilliseconds < 1000
        ? $"{d.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms"
        : d.TotalSeconds < 120 ? $"{d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : d.TotalHours < 2 ? $"{(int)d.TotalMinutes} min {d.Seconds} s" : $"{(int)d.TotalHours} h {d.Minutes} min";

    public static string Num(double value, string format = "0.##") => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    const string Nav = """
         <nav><a href="/">Resources</a><a href="/console">Console</a><a href="/traces">Traces</a><a href="/logs">Structured logs</a><a href="/metrics">Metrics</a></nav>
        """;

    const string Css = """
        body{font:14px system-ui,sans-serif;margin:0;color:#222}header{background:#2b2d42;color:#fff;padding:8px 16px}
        nav{display:inline}nav a{color:#edf2f4;margin-left:18px;text-decoration:none}main{padding:8px 16px}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top;overflow-wrap:anywhere}
        th{background:#f4f4f6}.ok{color:#1a7f37}.bad{color:#c62828}.warn{color:#b26a00}.muted{color:#777}.err{color:#c62828}
        pre.console{background:#111;color:#ddd;padding:8px;height:70vh;overflow:auto;font:12px monospace;white-space:pre-wrap}
        pre.console .e{color:#ff8a80}.bar{position:relative;height:14px;background:#eef}.bar span{position:absolute;height:14px;background:#5c7cfa}
        .bar span.e{background:#e53935}td.wf{width:45%}code{font-size:12px}.attrs{font-size:12px;color:#555}form.inline{margin:8px 0}
        """;

    // Elements with data-refresh are reloaded from that URL every 2 s; pre[data-console] tails a console log.
    const string Script = """
        for (const el of document.querySelectorAll('[data-refresh]')) {
          setInterval(async () => { const r = await fetch(el.dataset.refresh); if (r.ok) el.innerHTML = await r.text(); }, 2000);
        }
        for (const pre of document.querySelectorAll('pre[data-console]')) {
          let after = Number(pre.dataset.after || 0);
          pre.scrollTop = pre.scrollHeight;
          const poll = async () => {
            const r = await fetch(pre.dataset.console + '?after=' + after);
            if (r.ok) {
              const lines = await r.json();
              const bottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 20;
              for (const l of lines) {
                const s = document.createElement('span'); if (l.isError) s.className = 'e';
                s.textContent = l.time.substring(11, 23) + '  ' + l.text + '\n'; pre.appendChild(s); after = l.seq;
              }
              if (bottom) pre.scrollTop = pre.scrollHeight;
            }
            setTimeout(poll, 1000);
          };
          poll();
        }
        """;
}
