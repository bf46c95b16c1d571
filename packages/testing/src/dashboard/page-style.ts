/** The dashboard's stylesheet: system fonts, WCAG AA contrast, one column below 700 px. */
export const pageStyle = `
:root{--fg:#1a1d23;--muted:#4a5160;--bg:#f6f7f9;--card:#fff;--line:#d5d9e0;--accent:#0b57d0;
--focus:#f59e0b;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
background:var(--bg)}
*{box-sizing:border-box}body{margin:0}a{color:var(--accent)}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:9}
header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:10px 16px;
background:#14213d;color:#fff}
header h1{font-size:17px;margin:0}header .meta{font-size:13px;color:#dfe6f3}
#live{margin-left:auto;font-size:13px;padding:2px 8px;border-radius:10px;background:#7a1d1d}
#live.on{background:#14532d}
body>nav{display:flex;flex-wrap:wrap;gap:4px;padding:6px 12px;background:#fff;
border-bottom:1px solid var(--line)}
body>nav a{padding:6px 10px;border-radius:6px;text-decoration:none;color:var(--fg)}
body>nav a[aria-current=page]{background:#e3ebfb;color:#0a3a8c;font-weight:600}
main{padding:12px 16px;max-width:1200px;margin:auto}main:focus{outline:none}
h2{font-size:18px;margin:8px 0 10px}h3{font-size:15px;margin:14px 0 6px}
section,.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px;
margin-bottom:12px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);white-space:nowrap}
td.mono,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;
border:1px solid transparent;white-space:nowrap}
.s-pending{background:#e8eaed;color:#2b2f36}.s-scheduled{background:#ede4fb;color:#4c1d95}
.s-running{background:#dbe8fd;color:#0a3a8c}.s-succeeded{background:#dcf3e3;color:#14532d}
.s-failed{background:#fde2e1;color:#8a1c14}.s-cancelled{background:#f1f1f1;color:#4a4a4a;
border-color:#bbb}.s-delivered{background:#dcf3e3;color:#14532d}.s-collected{background:#e8eaed;
color:#2b2f36}.s-paused{background:#fff1d6;color:#7a4b00}.s-active{background:#dcf3e3;color:#14532d}
.bar{width:120px;height:10px;background:#e8eaed;border-radius:5px;overflow:hidden;display:inline-block;
vertical-align:middle}.bar>span{display:block;height:100%;background:#0b57d0}
.pmsg{display:block;font-size:12px;color:var(--muted)}
form.filters,.row{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end;margin-bottom:10px}
label{display:flex;flex-direction:column;font-size:13px;color:var(--muted);gap:2px}
input,select,button{font:inherit;font-size:14px;padding:5px 8px;border:1px solid #8a93a3;
border-radius:6px;background:#fff;color:var(--fg)}
button{background:#0b57d0;color:#fff;border-color:#0b57d0;cursor:pointer}
button.secondary{background:#fff;color:#0b57d0}button.danger{background:#b42318;border-color:#b42318}
button:disabled{background:#c9ced6;border-color:#c9ced6;color:#3d434d;cursor:not-allowed}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:0}dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
pre{background:#f3f4f6;border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;
max-height:280px;margin:4px 0;font-size:13px}
ol.timeline{list-style:none;padding:0;margin:0}ol.timeline li{display:grid;
grid-template-columns:170px 1fr;gap:8px;padding:5px 0;border-bottom:1px dashed var(--line)}
.muted{color:var(--muted)}.nowrap{white-space:nowrap}td ul{margin:0;padding-left:18px}.error{color:#8a1c14}.pager{display:flex;gap:8px;margin-top:10px}
#notice{min-height:1.4em;margin:0 0 8px;font-size:14px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:12px}
@media (max-width:700px){.grid2{grid-template-columns:1fr}ol.timeline li{grid-template-columns:1fr}
main{padding:8px}thead{position:absolute;left:-9999px}table,tbody,tr,td{display:block}
tr{border-bottom:2px solid var(--line);padding:4px 0}td{border:0;padding:3px 4px;display:grid;
grid-template-columns:110px 1fr;gap:8px}td::before{content:attr(data-label);color:var(--muted);
font-weight:600}}
`;
