<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG">
<context>
    <name></name>
    <message>
        <location filename="../tour.py" line="58"/>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="59"/>
        <source>This is your own copy of the sample project: invented monthly indicators for the 60 districts of the Republic of Meridia. Try anything here (import, run the models, work the alerts); it never touches your real data. The next pages show the four screens you will use most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="66"/>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="73"/>
        <source>Alerts inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="67"/>
        <source>Provinces and their districts. The badge counts the active alerts and its colour is the most severe of them (no badge: nothing needs a decision there now); the bar shows how complete each district&apos;s data is. Click a district to see its series.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="74"/>
        <source>Active situations, most severe first: alerts in progress and new ones whose episode is still ongoing (&apos;Historical&apos; in the filter lists episodes that ended long ago). Select one to read why it fired (the method, the value, the baseline and the threshold), then acknowledge, verify, escalate, dismiss with a reason or close it. Every decision is kept with who made it and when.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="83"/>
        <source>Series chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="84"/>
        <source>One indicator in one district over time: its baseline, thresholds, alert markers and forecast band. Drag to pan, scroll to zoom; File → Export chart saves a picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="90"/>
        <source>Import your own file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="91"/>
        <source>Start your own project with File → New project, then File → Import spreadsheet (Ctrl+I), or drop an .xlsx, .xls, .ods or .csv file on this window. The wizard shows what it recognised and which rows it rejected and why; fix the mapping once and it is reused next month. Then File → Run models (Ctrl+R) raises the alerts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="98"/>
        <source>That&apos;s it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="99"/>
        <source>Help → Guided tour shows these pages again at any time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertDetail</name>
    <message>
        <location filename="../alert_detail.py" line="72"/>
        <source>Open in Series tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="76"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="76"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="76"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="76"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="84"/>
        <source>Note for the history (what was decided and why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="85"/>
        <source>Apply to every alert of this situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="99"/>
        <source>Verification (risk assessment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="101"/>
        <source>Likelihood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="102"/>
        <source>Consequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="103"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="104"/>
        <source>Dismissal reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="114"/>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="154"/>
        <source>Timeline of the whole district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="155"/>
        <source>Every event of every alert ever raised in this district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="177"/>
        <source>Run the models now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="205"/>
        <source>&lt;h3&gt;No alerts yet&lt;/h3&gt;Run every model and rule over the data to raise alerts (File → Run models, Ctrl+R).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="207"/>
        <source>&lt;i&gt;Select a situation on the left to see its alerts, chart and history.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="216"/>
        <source>%1 alert(s), %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="247"/>
        <source>risk %1 (likelihood %2, consequence %3), outcome %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="251"/>
        <source>dismissed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="265"/>
        <source>This series is derived from the group series at each run; it is drawn here, and its groups are in the Series tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="276"/>
        <source>%1: no data to draw</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertsInboxView</name>
    <message>
        <location filename="../alerts_inbox.py" line="203"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="204"/>
        <source>In progress (acknowledged, verified, escalated), or new with an episode still ongoing in the latest data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="206"/>
        <source>Open (all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="207"/>
        <source>Historical (ended, never handled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="208"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="218"/>
        <source>Any severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="222"/>
        <source>Any age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="223"/>
        <source>New, last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="224"/>
        <source>New, last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="225"/>
        <source>Raised &gt; 30 days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="226"/>
        <source>When the alerts were raised: situations with an alert new since the last meeting, or situations first raised long ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="234"/>
        <source>Region or indicator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="239"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="217"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="265"/>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="265"/>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="266"/>
        <source>14 mo ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="317"/>
        <source>%1 of %2 situations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="321"/>
        <source>%1 active (in progress, or new with an ongoing episode); %2 historical (ended, never handled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="325"/>
        <source>nothing needs a decision now (%1 historical)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../crash.py" line="57"/>
        <source>Unexpected problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../crash.py" line="58"/>
        <source>The workbench hit an unexpected problem and wrote a crash log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../crash.py" line="61"/>
        <source>Please send this file to whoever supports the workbench for your office:

%1

It lists only where in the program the problem happened: no indicator values, notes or file contents. Your project is safe, because every change is saved in one step; if anything looks wrong, close and reopen the workbench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../crash.py" line="69"/>
        <source>Open log folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <location filename="../data_view.py" line="180"/>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="181"/>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="182"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="183"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="213"/>
        <source>&lt;b&gt;Data completeness&lt;/b&gt; (share of expected months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="238"/>
        <source>All regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="243"/>
        <source>All indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="272"/>
        <source>Loading %1 observations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="283"/>
        <source>%1 of %2 observations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../import_wizard.py" line="189"/>
        <source>Choose the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="190"/>
        <source>Excel (.xlsx .xlsm .xls), OpenDocument (.ods) or CSV. Nothing is written to the project until the last step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="193"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="196"/>
        <source>All data sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="203"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="204"/>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="217"/>
        <source>Spreadsheet to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="218"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="250"/>
        <source>Using the mapping saved last time for sheet(s) %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../import_wizard.py" line="90"/>
        <source>Import a spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="147"/>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="150"/>
        <source>Reading the file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportsView</name>
    <message>
        <location filename="../imports_view.py" line="50"/>
        <location filename="../imports_view.py" line="89"/>
        <source>Select an import to see the rows it rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="52"/>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="52"/>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="52"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="52"/>
        <source>Cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="97"/>
        <source>%1 rejected row(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="98"/>
        <source> (first %1 shown)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndexView</name>
    <message>
        <location filename="../index_view.py" line="99"/>
        <source>Normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="100"/>
        <source>Aggregation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="101"/>
        <source>&lt;b&gt;Components and weights&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="108"/>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="108"/>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="108"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="109"/>
        <source>Rank 5–95 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="109"/>
        <source>In top 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="116"/>
        <source>Contribution of each component (top %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="139"/>
        <source>Waiting for the observations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="186"/>
        <source>Choose at least one component with a weight above zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="191"/>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="209"/>
        <source>Computing the index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="215"/>
        <source>%1 districts ranked at %2; weights: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="63"/>
        <location filename="../main_window.py" line="302"/>
        <source>Cohesion Early-Warning Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="67"/>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="81"/>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="83"/>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84"/>
        <source>Heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86"/>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="88"/>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="89"/>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90"/>
        <source>Imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="93"/>
        <source>Open a project (Ctrl+O), create one (Ctrl+N), or drop a spreadsheet here to import it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104"/>
        <location filename="../main_window.py" line="237"/>
        <source>No project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114"/>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="136"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>&amp;New project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138"/>
        <source>&amp;Open project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="139"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142"/>
        <source>&amp;Import spreadsheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="143"/>
        <source>Import a partner or survey workbook into this project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="146"/>
        <source>Import district &amp;boundaries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="147"/>
        <source>&amp;Export chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="149"/>
        <source>&amp;Run models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="150"/>
        <source>Run every model and rule over the data and update the alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="154"/>
        <source>Write &amp;brief…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>Write the meeting brief (Excel workbook or printable PDF), as `workbench report` does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="159"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="164"/>
        <source>Tab %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Light theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Dark theme (projector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177"/>
        <source>Reload project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="178"/>
        <source>Your name in the alert history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="181"/>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213"/>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="214"/>
        <source>Opening project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>Refreshing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240"/>
        <source>Could not open the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="261"/>
        <source>Backup restored; the damaged file was kept as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="264"/>
        <source>Restoring the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="268"/>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="268"/>
        <location filename="../main_window.py" line="286"/>
        <source>Workbench project (*.wbproj)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>Could not create the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="286"/>
        <source>Open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="338"/>
        <source>Loading models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="342"/>
        <source>Reading observations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="355"/>
        <source>%1 series, %2 values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="360"/>
        <source>latest period %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="363"/>
        <source>last import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="363"/>
        <source>no imports yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="410"/>
        <source>Running models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="421"/>
        <source>Saving decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="431"/>
        <source>Saving note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="439"/>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="440"/>
        <source>Name recorded with your decisions and notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="448"/>
        <source>Brief</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="448"/>
        <source>Open or create a project first (File → Open project).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="455"/>
        <source>Write brief</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="468"/>
        <source>Writing brief</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="470"/>
        <source>Could not write the brief</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="477"/>
        <source>Brief written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="497"/>
        <location filename="../main_window.py" line="500"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="497"/>
        <source>The importer is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="500"/>
        <source>Open or create a project first (File → New project).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="523"/>
        <source>Reading rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="529"/>
        <source>District boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="529"/>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="541"/>
        <source>Importing boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="579"/>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="636"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="637"/>
        <source>Cohesion Early-Warning Workbench %1
Offline early warning for social-cohesion indicators.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../import_wizard.py" line="268"/>
        <source>Check the layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="269"/>
        <source>The importer&apos;s guess is filled in. Change a column if it is wrong and press Apply; the sample below shows the rows as they will be stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="284"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="288"/>
        <source>Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="288"/>
        <source>Header row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="290"/>
        <source>Indicator (wide)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="290"/>
        <source>Period format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="302"/>
        <source>Missing markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="306"/>
        <source>Sample of canonical rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="314"/>
        <source>Sheet &lt;b&gt;%1&lt;/b&gt;: %2 rows kept, %3 rejected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObservationTableModel</name>
    <message>
        <location filename="../data_view.py" line="103"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="107"/>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegionTree</name>
    <message>
        <location filename="../region_tree.py" line="21"/>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="21"/>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="21"/>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="50"/>
        <source>share of expected monthly values present</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../region_tree.py" line="88"/>
        <source>%n active alert(s), worst: </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../import_wizard.py" line="365"/>
        <source>Validation report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="366"/>
        <source>Rejected rows are not imported; they are kept with the import so they can be traced. Go back to change the mapping, or continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="371"/>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="371"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="371"/>
        <source>Cells</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RiskHeatmap</name>
    <message>
        <location filename="../heatmap.py" line="100"/>
        <source>Colour = strongest alert covering the month: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="117"/>
        <source>No data yet: import a spreadsheet (Ctrl+I).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="167"/>
        <source>alert #%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="168"/>
        <source>no alert</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RiskMap</name>
    <message>
        <location filename="../map_view.py" line="68"/>
        <source>Import district boundaries (GeoJSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../map_view.py" line="74"/>
        <source>Colour by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../map_view.py" line="93"/>
        <source>Active alert risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../map_view.py" line="95"/>
        <source>Latest: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../map_view.py" line="99"/>
        <source>No boundaries in this project yet. Import a GeoJSON file with one polygon per district (a &apos;name&apos; or &apos;code&apos; property) — it is stored in the project, so the map works offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../map_view.py" line="118"/>
        <source>%1 (not in this project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../map_view.py" line="125"/>
        <source>%1 boundaries do not match a district of this project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../map_view.py" line="154"/>
        <source>worst active alert: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../map_view.py" line="158"/>
        <source>none now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../map_view.py" line="171"/>
        <source>latest value: %1 (light) to %2 (dark red = worse)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../import_wizard.py" line="418"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="419"/>
        <source>Save this mapping for next month&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="421"/>
        <source>Import now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="423"/>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="461"/>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="472"/>
        <source>Importing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="483"/>
        <source>Cancelled; the project was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesChart</name>
    <message>
        <location filename="../chart.py" line="50"/>
        <location filename="../chart.py" line="171"/>
        <source>baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../chart.py" line="51"/>
        <location filename="../chart.py" line="172"/>
        <source>threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../chart.py" line="55"/>
        <location filename="../chart.py" line="172"/>
        <source>forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../chart.py" line="63"/>
        <location filename="../chart.py" line="171"/>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../chart.py" line="69"/>
        <location filename="../chart.py" line="173"/>
        <source>alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../chart.py" line="197"/>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesView</name>
    <message>
        <location filename="../series_view.py" line="51"/>
        <source>Keep for comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="52"/>
        <source>Keep this series on the chart while you look at other regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="53"/>
        <source>Clear comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="54"/>
        <source>Export chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="63"/>
        <source>Ctrl+click to compare indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="85"/>
        <source>&lt;b&gt;No data yet.&lt;/b&gt;&lt;br&gt;Import a spreadsheet (File → Import, Ctrl+I) or drop it on this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="127"/>
        <source>No data for this region yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="179"/>
        <source>Forecasting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="206"/>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="206"/>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SituationTableModel</name>
    <message>
        <location filename="../alerts_inbox.py" line="156"/>
        <source>severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="158"/>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="172"/>
        <source>flagged from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="175"/>
        <source>last flagged period: %1; raised %2 ago</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <location filename="../tour.py" line="158"/>
        <source>Guided tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="168"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="169"/>
        <location filename="../tour.py" line="198"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="171"/>
        <source>Close tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="195"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="198"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <location filename="../restore_offer.py" line="36"/>
        <source>Damaged project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="37"/>
        <source>This project file is damaged and cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="41"/>
        <source>The last automatic backup is the project as it was before its last import, model run or merge, on %1. Restoring puts it in place and keeps the damaged file beside it as %2.damaged-DATE-TIME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="46"/>
        <source>Restore the backup from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../tour.py" line="257"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="262"/>
        <source>Guided &amp;tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../tour.py" line="263"/>
        <source>Show the short introduction to the screens again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
