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
        <location filename="../alert_detail.py" line="70"/>
        <source>Open in Series tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="74"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="74"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="74"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="74"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="82"/>
        <source>Note for the history (what was decided and why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="83"/>
        <source>Apply to every alert of this situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="97"/>
        <source>Verification (risk assessment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="99"/>
        <source>Likelihood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="100"/>
        <source>Consequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="101"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="102"/>
        <source>Dismissal reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="112"/>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="152"/>
        <source>Timeline of the whole district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="153"/>
        <source>Every event of every alert ever raised in this district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="175"/>
        <source>Run the models now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="203"/>
        <source>&lt;h3&gt;No alerts yet&lt;/h3&gt;Run every model and rule over the data to raise alerts (File → Run models, Ctrl+R).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="205"/>
        <source>&lt;i&gt;Select a situation on the left to see its alerts, chart and history.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="214"/>
        <source>%1 alert(s), %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="245"/>
        <source>risk %1 (likelihood %2, consequence %3), outcome %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="249"/>
        <source>dismissed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertsInboxView</name>
    <message>
        <location filename="../alerts_inbox.py" line="200"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="201"/>
        <source>In progress (acknowledged, verified, escalated), or new with an episode still ongoing in the latest data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="203"/>
        <source>Open (all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="204"/>
        <source>Historical (ended, never handled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="205"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="214"/>
        <source>Any severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="218"/>
        <source>Region or indicator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="223"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="225"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="249"/>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="249"/>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="250"/>
        <source>14 mo ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="299"/>
        <source>%1 of %2 situations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="303"/>
        <source>%1 active (in progress, or new with an ongoing episode); %2 historical (ended, never handled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="307"/>
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
        <location filename="../data_view.py" line="195"/>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="196"/>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="197"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="198"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="228"/>
        <source>&lt;b&gt;Data completeness&lt;/b&gt; (share of expected months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="253"/>
        <source>All regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="258"/>
        <source>All indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="287"/>
        <source>Loading %1 observations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="298"/>
        <source>%1 of %2 observations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../import_wizard.py" line="168"/>
        <source>Choose the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="169"/>
        <source>Excel (.xlsx .xlsm .xls), OpenDocument (.ods) or CSV. Nothing is written to the project until the last step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="172"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="175"/>
        <source>All data sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="182"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="183"/>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="196"/>
        <source>Spreadsheet to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="197"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="229"/>
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
        <location filename="../import_wizard.py" line="126"/>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="129"/>
        <source>Reading the file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportsView</name>
    <message>
        <location filename="../imports_view.py" line="50"/>
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
        <location filename="../imports_view.py" line="96"/>
        <source>%1 rejected row(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="97"/>
        <source> (first %1 shown)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndexView</name>
    <message>
        <location filename="../index_view.py" line="96"/>
        <source>Normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="97"/>
        <source>Aggregation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="98"/>
        <source>&lt;b&gt;Components and weights&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="105"/>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="105"/>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="105"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="106"/>
        <source>Rank 5–95 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="106"/>
        <source>In top 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="113"/>
        <source>Contribution of each component (top %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="128"/>
        <source>Waiting for the observations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="172"/>
        <source>Choose at least one component with a weight above zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="176"/>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="179"/>
        <source>Computing the index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_view.py" line="186"/>
        <source>%1 districts ranked at %2; weights: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="59"/>
        <location filename="../main_window.py" line="254"/>
        <source>Cohesion Early-Warning Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="63"/>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="77"/>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="79"/>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="80"/>
        <source>Heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="82"/>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84"/>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="85"/>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86"/>
        <source>Imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="89"/>
        <source>Open a project (Ctrl+O), create one (Ctrl+N), or drop a spreadsheet here to import it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100"/>
        <location filename="../main_window.py" line="476"/>
        <source>No project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="127"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128"/>
        <source>&amp;New project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="129"/>
        <source>&amp;Open project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="133"/>
        <source>&amp;Import spreadsheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="134"/>
        <source>Import a partner or survey workbook into this project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>Import district &amp;boundaries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138"/>
        <source>&amp;Export chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="140"/>
        <source>&amp;Run models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>Run every model and rule over the data and update the alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="145"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="147"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="150"/>
        <source>Tab %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="157"/>
        <source>Light theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="157"/>
        <source>Dark theme (projector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>Reload project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="164"/>
        <source>Your name in the alert history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="166"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="167"/>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197"/>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201"/>
        <source>Opening project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>Refreshing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <location filename="../main_window.py" line="239"/>
        <source>Workbench project (*.wbproj)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="233"/>
        <source>Could not create the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="239"/>
        <source>Open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="290"/>
        <source>Loading models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="294"/>
        <source>Reading observations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="307"/>
        <source>%1 series, %2 values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="312"/>
        <source>latest period %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="315"/>
        <source>last import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="315"/>
        <source>no imports yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="362"/>
        <source>Running models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="373"/>
        <source>Saving decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="383"/>
        <source>Saving note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="391"/>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="392"/>
        <source>Name recorded with your decisions and notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="406"/>
        <location filename="../main_window.py" line="409"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="406"/>
        <source>The importer is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="409"/>
        <source>Open or create a project first (File → New project).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="421"/>
        <source>Reading rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="427"/>
        <source>District boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="427"/>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="439"/>
        <source>Importing boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="477"/>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="534"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="535"/>
        <source>Cohesion Early-Warning Workbench %1
Offline early warning for social-cohesion indicators.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../import_wizard.py" line="247"/>
        <source>Check the layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="248"/>
        <source>The importer&apos;s guess is filled in. Change a column if it is wrong and press Apply; the sample below shows the rows as they will be stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="263"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="267"/>
        <source>Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="267"/>
        <source>Header row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="269"/>
        <source>Indicator (wide)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="269"/>
        <source>Period format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="281"/>
        <source>Missing markers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="285"/>
        <source>Sample of canonical rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="293"/>
        <source>Sheet &lt;b&gt;%1&lt;/b&gt;: %2 rows kept, %3 rejected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObservationTableModel</name>
    <message>
        <location filename="../data_view.py" line="110"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../data_view.py" line="114"/>
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
        <location filename="../import_wizard.py" line="344"/>
        <source>Validation report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="345"/>
        <source>Rejected rows are not imported; they are kept with the import so they can be traced. Go back to change the mapping, or continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="350"/>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="350"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="350"/>
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
        <location filename="../import_wizard.py" line="397"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="398"/>
        <source>Save this mapping for next month&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="400"/>
        <source>Import now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="402"/>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="430"/>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="435"/>
        <source>Importing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="445"/>
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
        <location filename="../series_view.py" line="82"/>
        <source>&lt;b&gt;No data yet.&lt;/b&gt;&lt;br&gt;Import a spreadsheet (File → Import, Ctrl+I) or drop it on this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="124"/>
        <source>No data for this region yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="176"/>
        <source>Forecasting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="203"/>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../series_view.py" line="203"/>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SituationTableModel</name>
    <message>
        <location filename="../alerts_inbox.py" line="153"/>
        <source>severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="155"/>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="169"/>
        <source>flagged from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="172"/>
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
