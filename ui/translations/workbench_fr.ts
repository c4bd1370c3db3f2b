<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AlertDetail</name>
    <message>
        <location filename="../alert_detail.py" line="113" />
        <source>Open in Series tab</source>
        <translation>Ouvrir dans l’onglet Séries</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="117" />
        <source>History of the situation</source>
        <translation>Historique de la situation</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="118" />
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="118" />
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="118" />
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="118" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="127" />
        <source>Note for the history (what was decided and why)</source>
        <translation>Note pour l’historique (ce qui a été décidé et pourquoi)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="128" />
        <source>Note for the history</source>
        <translation>Note pour l’historique</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="140" />
        <source>Verification (risk assessment)</source>
        <translation>Vérification (évaluation des risques)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="293" />
        <source>No alerts yet</source>
        <translation>Aucune alerte pour l’instant</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="293" />
        <source>No situation selected</source>
        <translation>Aucune situation sélectionnée</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="295" />
        <source>Run every model and rule over the data to raise alerts (File → Run models, Ctrl+R).</source>
        <translation>Exécutez tous les modèles et toutes les règles sur les données pour déclencher les alertes (Fichier → Exécuter les modèles, Ctrl+R).</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="296" />
        <source>Select a situation on the left to see its alerts, chart and history.</source>
        <translation>Sélectionnez une situation à gauche pour voir ses alertes, son graphique et son historique.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="144" />
        <location filename="../alert_detail.py" line="618" />
        <source>Likelihood</source>
        <translation>Probabilité</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="145" />
        <location filename="../alert_detail.py" line="619" />
        <source>Consequence</source>
        <translation>Conséquences</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="146" />
        <location filename="../alert_detail.py" line="620" />
        <source>Outcome</source>
        <translation>Suite donnée</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="147" />
        <location filename="../alert_detail.py" line="617" />
        <source>Dismissal reason</source>
        <translation>Motif du rejet</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="101" />
        <source>Alerts of this situation</source>
        <extracomment>One button per action a person can take (the vocabulary's table; labels translated on use). (alert id, corrected status, options: note, reason, likelihood, consequence, outcome) a decision was refused for an empty field: the inbox scrolls the message into view</extracomment>
        <translation>Alertes de cette situation</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="159" />
        <source>Add note</source>
        <translation>Ajouter une note</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="172" />
        <source>Snooze until</source>
        <translation>Mettre en veille jusqu’à</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="173" />
        <source>Hide from the Active view until this period (the history still shows it)</source>
        <translation>Masquer de la vue « Actives » jusqu’à cette période (l’historique continue de l’afficher)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="170" />
        <source>Snooze</source>
        <translation>Mettre en veille</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="131" />
        <source>Apply to the whole situation (asks first)</source>
        <translation>Appliquer à toute la situation (avec confirmation)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="161" />
        <source>Correct…</source>
        <translation>Corriger…</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="163" />
        <source>Correct the latest decision on this alert (the history keeps both)</source>
        <translation>Corriger la dernière décision sur cette alerte (l’historique garde les deux)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="226" />
        <source>Timeline of the whole district</source>
        <translation>Chronologie de tout le district</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="227" />
        <source>Every event of every alert ever raised in this district</source>
        <translation>Tous les événements de toutes les alertes déclenchées dans ce district</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="233" />
        <source>Chart and history of the selected alert</source>
        <translation>Graphique et historique de l’alerte sélectionnée</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="234" />
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="235" />
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="252" />
        <source>Run the models now</source>
        <translation>Exécuter les modèles maintenant</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="308" />
        <source>%1 alert(s), %2 to %3</source>
        <translation>%1 alerte(s), de %2 à %3</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="339" />
        <source>risk %1 (likelihood %2, consequence %3), outcome %4</source>
        <translation>risque %1 (probabilité %2, conséquences %3), suite donnée : %4</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="343" />
        <source>dismissed: %1</source>
        <translation>écartée : %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="345" />
        <source>method: %1</source>
        <translation>méthode : %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="372" />
        <source>This series is derived from the group series at each run; it is drawn here, and its groups are in the Series tab.</source>
        <translation>Cette série est calculée à chaque exécution à partir des séries par groupe ; elle est tracée ici, et ses groupes figurent dans l’onglet Séries.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="384" />
        <source>%1: no data to draw</source>
        <translation>%1 : aucune donnée à tracer</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="449" />
        <source>risk %1, %2</source>
        <translation>risque %1, %2</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="507" />
        <source>Decide for %1 alerts?</source>
        <translation>Décider pour %1 alertes ?</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="509" />
        <source>This decision will change these %1 alerts:</source>
        <translation>Cette décision modifiera ces %1 alertes :</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="513" />
        <source>not active (episode ended %1)</source>
        <translation>inactive (épisode terminé en %1)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="518" />
        <source>Change %1 alerts</source>
        <translation>Modifier %1 alertes</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="532" />
        <source>Choose why the alert is dismissed.</source>
        <translation>Choisissez pourquoi l’alerte est rejetée.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="535" />
        <source>Verifying records the risk assessment: choose the likelihood, the consequence and the outcome.</source>
        <translation>La vérification enregistre l’évaluation des risques : choisissez la probabilité, les conséquences et la suite donnée.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="570" />
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="595" />
        <source>until %1</source>
        <translation>jusqu’à %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="601" />
        <source>snoozed until %1</source>
        <translation>en veille jusqu’à %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="630" />
        <location filename="../alert_detail.py" line="647" />
        <source>choose…</source>
        <translation>choisir…</translation>
    </message>
</context>
<context>
    <name>AlertsInboxView</name>
    <message>
        <location filename="../alerts_inbox.py" line="302" />
        <source>Active</source>
        <translation>Actives</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="303" />
        <source>In progress (acknowledged, verified, escalated), or new with an episode still ongoing in the latest data</source>
        <translation>En cours de traitement (prises en compte, vérifiées, escaladées), ou nouvelles dont l’épisode se poursuit dans les données les plus récentes</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="305" />
        <source>Open (all)</source>
        <translation>Ouvertes (toutes)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="306" />
        <source>Historical (ended, never handled)</source>
        <translation>Historiques (terminées, jamais traitées)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="307" />
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="322" />
        <source>Any severity</source>
        <translation>Toute gravité</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="326" />
        <source>Any age</source>
        <translation>Toute date</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="327" />
        <source>New, last 7 days</source>
        <translation>Nouvelles, 7 derniers jours</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="328" />
        <source>New, last 30 days</source>
        <translation>Nouvelles, 30 derniers jours</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="329" />
        <source>Raised &gt; 30 days ago</source>
        <translation>Déclenchées il y a plus de 30 jours</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="330" />
        <source>When the alerts were raised: situations with an alert new since the last meeting, or situations first raised long ago</source>
        <translation>Date de déclenchement des alertes : situations comportant une alerte nouvelle depuis la dernière réunion, ou situations signalées pour la première fois il y a longtemps</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="339" />
        <source>Region or indicator…</source>
        <translation>Région ou indicateur…</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="346" />
        <source>Set meeting date…</source>
        <translation>Date de la réunion…</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="348" />
        <source>The date of the last meeting, shared with everyone working on this project (writing a brief sets it too)</source>
        <translation>La date de la dernière réunion, partagée avec toute l’équipe du projet (rédiger une note de synthèse la fixe aussi)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="354" />
        <source>Show every region again</source>
        <translation>Afficher à nouveau toutes les régions</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="358" />
        <location filename="../alerts_inbox.py" line="371" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="360" />
        <source>When raised</source>
        <translation>Date de déclenchement</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="361" />
        <source>Search region or indicator</source>
        <translation>Rechercher une région ou un indicateur</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="388" />
        <source>Situations</source>
        <translation>Situations</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="560" />
        <source>No meeting recorded yet: showing the last 7 days</source>
        <translation>Aucune réunion enregistrée : les 7 derniers jours sont affichés</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="562" />
        <source>Last meeting: %1 (brief written by %2)</source>
        <translation>Dernière réunion : %1 (note de synthèse rédigée par %2)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="564" />
        <source>Last meeting: %1 (set by %2)</source>
        <translation>Dernière réunion : %1 (fixée par %2)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="579" />
        <location filename="../alerts_inbox.py" line="587" />
        <source>Date of the last meeting</source>
        <translation>Date de la dernière réunion</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="581" />
        <source>The inbox will show what moved since this date, for everyone working on this project.</source>
        <translation>La boîte de réception montrera ce qui a bougé depuis cette date, pour toute l’équipe du projet.</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="620" />
        <source>%1 ✕</source>
        <translation>%1 ✕</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="621" />
        <source>Showing %1 only: show every region</source>
        <translation>Seulement %1 : afficher toutes les régions</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="321" />
        <location filename="../alerts_inbox.py" line="359" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="299" />
        <source>Since the last meeting</source>
        <extracomment>the meeting marker to set (an ISO date), from "Set meeting date…"</extracomment>
        <translation>Depuis la dernière réunion</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="300" />
        <source>New, escalated, changed or overdue since the last meeting (the Why column says which)</source>
        <translation>Nouvelles, escaladées, modifiées ou en retard depuis la dernière réunion (la colonne Pourquoi dit laquelle)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="511" />
        <source>%1 of %2 situations</source>
        <translation>%1 situations sur %2</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="513" />
        <source>%1 active (in progress, or new with an ongoing episode); %2 historical (ended, never handled)</source>
        <translation>%1 actives (en cours de traitement, ou nouvelles avec un épisode en cours) ; %2 historiques (terminées, jamais traitées)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="516" />
        <source>nothing moved since the last meeting</source>
        <translation>rien n’a bougé depuis la dernière réunion</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="519" />
        <source>nothing needs a decision now (%1 historical)</source>
        <translation>aucune décision à prendre pour l’instant (%1 historiques)</translation>
    </message>
</context>
<context>
    <name>Codes</name>
    <message>
        <location filename="../vocabulary.py" line="84" />
        <source>escalation</source>
        <extracomment>Display names of codes the rules, the detectors and the composite index use (the codes stay the data: item data of combo boxes, the CLI's output). A code not listed (a rule a team named itself) is shown as it is. Context "Codes": "monitor" the method is not "monitor" the outcome of a verification.</extracomment>
        <translation>escalade</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="85" />
        <source>polarization</source>
        <translation>polarisation</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="86" />
        <location filename="../vocabulary.py" line="89" />
        <source>fixed threshold</source>
        <translation>seuil fixe</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="90" />
        <source>percentile</source>
        <translation>centile</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="91" />
        <source>robust z-score</source>
        <translation>score z robuste</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="92" />
        <source>EARS C1</source>
        <translation>EARS C1</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="93" />
        <source>EARS C2</source>
        <translation>EARS C2</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="94" />
        <source>EARS C3</source>
        <translation>EARS C3</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="95" />
        <source>EWMA</source>
        <translation>EWMA</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="96" />
        <source>CUSUM</source>
        <translation>CUSUM</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="97" />
        <source>Mann-Kendall trend</source>
        <translation>tendance de Mann-Kendall</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="98" />
        <source>change point</source>
        <translation>point de rupture</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="99" />
        <source>baseline monitor</source>
        <translation>suivi de la référence</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="103" />
        <source>min–max (0 to 1)</source>
        <extracomment>The composite index's choices (workbench.models.composite): normalization and aggregation.</extracomment>
        <translation>min–max (0 à 1)</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="104" />
        <source>z-score</source>
        <translation>score z</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="105" />
        <source>rank</source>
        <translation>rang</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="108" />
        <source>arithmetic mean</source>
        <translation>moyenne arithmétique</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="109" />
        <source>geometric mean</source>
        <translation>moyenne géométrique</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../alert_detail.py" line="642" />
        <source>Correct the decision on alert #%1</source>
        <translation>Corriger la décision sur l’alerte n° %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="644" />
        <source>Corrected status</source>
        <translation>Statut corrigé</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="651" />
        <source>Why the decision was wrong</source>
        <translation>Pourquoi la décision était erronée</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="652" />
        <source>Why the decision was wrong (required)</source>
        <translation>Pourquoi la décision était erronée (obligatoire)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="657" />
        <source>The alert is %1 now. The history keeps the decision and this correction.</source>
        <translation>L’alerte est actuellement : %1. L’historique garde la décision et cette correction.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="659" />
        <source>Should be</source>
        <translation>Devrait être</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="660" />
        <source>Dismissal reason</source>
        <translation>Motif du rejet</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="661" />
        <source>Likelihood</source>
        <translation>Probabilité</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="662" />
        <source>Consequence</source>
        <translation>Conséquences</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="663" />
        <source>Outcome</source>
        <translation>Suite donnée</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="664" />
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="697" />
        <source>Choose the status the alert should have.</source>
        <translation>Choisissez le statut que l’alerte devrait avoir.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="699" />
        <source>Choose why the alert is dismissed.</source>
        <translation>Choisissez pourquoi l’alerte est rejetée.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="702" />
        <source>Verifying records the risk assessment: choose the likelihood, the consequence and the outcome.</source>
        <translation>La vérification enregistre l’évaluation des risques : choisissez la probabilité, les conséquences et la suite donnée.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="705" />
        <source>Say why the decision was wrong.</source>
        <translation>Dites pourquoi la décision était erronée.</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../crash.py" line="57" />
        <source>Unexpected problem</source>
        <translation>Problème inattendu</translation>
    </message>
    <message>
        <location filename="../crash.py" line="58" />
        <source>The workbench hit an unexpected problem and wrote a crash log.</source>
        <translation>L’application a rencontré un problème inattendu et a enregistré un journal d’incident.</translation>
    </message>
    <message>
        <location filename="../crash.py" line="61" />
        <source>Please send this file to whoever supports the workbench for your office:

%1

It lists only where in the program the problem happened: no indicator values, notes or file contents. Your project is safe, because every change is saved in one step; if anything looks wrong, close and reopen the workbench.</source>
        <translation>Veuillez envoyer ce fichier à la personne chargée du support de l’application pour votre bureau :

%1

Il indique seulement à quel endroit du programme le problème est survenu : aucune valeur d’indicateur, aucune note ni aucun contenu de fichier. Votre projet ne risque rien, car chaque modification est enregistrée en une seule étape ; si quelque chose vous semble anormal, fermez puis rouvrez l’application.</translation>
    </message>
    <message>
        <location filename="../crash.py" line="69" />
        <source>Open log folder</source>
        <translation>Ouvrir le dossier des journaux</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <location filename="../data_view.py" line="210" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="211" />
        <source>Indicator</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="212" />
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="213" />
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="227" />
        <source>Observations</source>
        <translation>Observations</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="241" />
        <source>Data completeness per district</source>
        <translation>Complétude des données par district</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="253" />
        <source>&lt;b&gt;Data completeness&lt;/b&gt; (share of expected months)</source>
        <translation>&lt;b&gt;Complétude des données&lt;/b&gt; (part des mois attendus)</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="282" />
        <source>All regions</source>
        <translation>Toutes les régions</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="287" />
        <source>All indicators</source>
        <translation>Tous les indicateurs</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="316" />
        <source>Loading %1 observations…</source>
        <translation>Chargement de %1 observations…</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="327" />
        <source>%1 of %2 observations</source>
        <translation>%1 observations sur %2</translation>
    </message>
</context>
<context>
    <name>Derived</name>
    <message>
        <location filename="../derived.py" line="27" />
        <source>%1: gap %2 – %3</source>
        <extracomment>How a derived series is named on screen (``%1`` the indicator's name; a gap's ``%2``, ``%3`` its two groups), in the language shown.</extracomment>
        <translation>%1 : écart %2 – %3</translation>
    </message>
    <message>
        <location filename="../derived.py" line="28" />
        <source>%1: spread between groups</source>
        <translation>%1 : dispersion entre groupes</translation>
    </message>
    <message>
        <location filename="../derived.py" line="29" />
        <source>%1: polarization (Esteban-Ray)</source>
        <translation>%1 : polarisation (Esteban-Ray)</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../import_wizard.py" line="237" />
        <source>Choose the file</source>
        <translation>Choisir le fichier</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="238" />
        <source>Excel (.xlsx .xlsm .xls), OpenDocument (.ods) or CSV. Nothing is written to the project until the last step.</source>
        <translation>Excel (.xlsx .xlsm .xls), OpenDocument (.ods) ou CSV. Rien n’est écrit dans le projet avant la dernière étape.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="241" />
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="244" />
        <source>All data sheets</source>
        <translation>Toutes les feuilles de données</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="247" />
        <source>Forget the saved mapping</source>
        <translation>Oublier la correspondance enregistrée</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="248" />
        <source>Read this file afresh and stop proposing the mapping saved last time</source>
        <translation>Relire ce fichier à neuf et ne plus proposer la correspondance enregistrée la dernière fois</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="255" />
        <location filename="../import_wizard.py" line="257" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="256" />
        <location filename="../import_wizard.py" line="258" />
        <source>Sheet</source>
        <translation>Feuille</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="272" />
        <source>Spreadsheet to import</source>
        <translation>Classeur à importer</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="273" />
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>Classeurs (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="307" />
        <source>The mapping saved last time no longer fits this file (%1); the file was read afresh - check the layout on the next page, or forget the saved mapping.</source>
        <translation>La correspondance enregistrée la dernière fois ne convient plus à ce fichier (%1) ; le fichier a été relu à neuf : vérifiez la structure à la page suivante, ou oubliez la correspondance enregistrée.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="311" />
        <source>Using the mapping saved last time for sheet(s) %1; change it on the next page, or forget it.</source>
        <translation>Utilisation de la correspondance enregistrée la dernière fois pour la ou les feuilles %1 ; modifiez-la à la page suivante, ou oubliez-la.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="316" />
        <source>%1 rows kept</source>
        <translation>%1 lignes retenues</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../import_wizard.py" line="97" />
        <source>Import a spreadsheet</source>
        <translation>Importer un classeur</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="176" />
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="179" />
        <source>Reading the file</source>
        <translation>Lecture du fichier</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="211" />
        <source>Forgetting the saved mapping</source>
        <translation>Suppression de la correspondance enregistrée</translation>
    </message>
</context>
<context>
    <name>ImportsView</name>
    <message>
        <location filename="../imports_view.py" line="48" />
        <source>Imports</source>
        <translation>Importations</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="49" />
        <location filename="../imports_view.py" line="92" />
        <source>Select an import to see the rows it rejected.</source>
        <translation>Sélectionnez une importation pour voir les lignes qu’elle a rejetées.</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="51" />
        <source>Sheet</source>
        <translation>Feuille</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="51" />
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="51" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="51" />
        <source>Cells</source>
        <translation>Cellules</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="54" />
        <source>Rows rejected by the selected import</source>
        <translation>Lignes rejetées par l’importation sélectionnée</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="100" />
        <source>%1 rejected row(s)</source>
        <translation>%1 ligne(s) rejetée(s)</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="101" />
        <source> (first %1 shown)</source>
        <translation> (%1 premières affichées)</translation>
    </message>
</context>
<context>
    <name>IndexView</name>
    <message>
        <location filename="../index_view.py" line="87" />
        <location filename="../index_view.py" line="107" />
        <source>Normalisation</source>
        <translation>Normalisation</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="93" />
        <location filename="../index_view.py" line="108" />
        <source>Aggregation</source>
        <translation>Agrégation</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="109" />
        <source>&lt;b&gt;Components and weights&lt;/b&gt;</source>
        <translation>&lt;b&gt;Composantes et pondérations&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="116" />
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="116" />
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="116" />
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="117" />
        <source>Rank 5–95 %</source>
        <translation>Rang 5–95 %</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="117" />
        <source>In top 5</source>
        <translation>Dans les 5 premiers</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="120" />
        <source>Ranking of the districts</source>
        <translation>Classement des districts</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="125" />
        <source>Contribution of each component</source>
        <translation>Contribution de chaque composante</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="127" />
        <source>Contribution of each component (top %1)</source>
        <translation>Contribution de chaque composante (%1 premiers)</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="161" />
        <source>Waiting for the observations…</source>
        <translation>En attente des observations…</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="162" />
        <location filename="../index_view.py" line="183" />
        <source>No data yet: import a spreadsheet (Ctrl+I).</source>
        <translation>Aucune donnée pour l’instant : importez un classeur (Ctrl+I).</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="189" />
        <source>Weight of %1</source>
        <translation>Pondération de %1</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="210" />
        <source>The index is computed when you open this tab.</source>
        <translation>L’indice est calculé à l’ouverture de cet onglet.</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="225" />
        <source>Choose at least one component with a weight above zero.</source>
        <translation>Choisissez au moins une composante dont la pondération est supérieure à zéro.</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="230" />
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="248" />
        <source>Computing the index</source>
        <translation>Calcul de l’indice</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="256" />
        <source>%1 districts ranked at %2; weights: %3</source>
        <translation>%1 districts classés à %2 ; pondérations : %3</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="97" />
        <location filename="../main_window.py" line="506" />
        <source>Cohesion Early-Warning Workbench</source>
        <extracomment>Short background work for what is on screen (a chart's lines): no progress bar flickering.</extracomment>
        <translation>Alerte précoce – Cohésion sociale</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="101" />
        <source>Regions</source>
        <translation>Régions</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="116" />
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="118" />
        <source>Series</source>
        <translation>Séries</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119" />
        <source>Heatmap</source>
        <translation>Carte de chaleur</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121" />
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123" />
        <source>Index</source>
        <translation>Indice</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="124" />
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="125" />
        <source>Imports</source>
        <translation>Importations</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="133" />
        <source>Open a project (Ctrl+O), create one (Ctrl+N), or drop a spreadsheet here to import it.</source>
        <translation>Ouvrez un projet (Ctrl+O), créez-en un (Ctrl+N) ou déposez ici un classeur pour l’importer.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161" />
        <location filename="../main_window.py" line="440" />
        <source>No project</source>
        <translation>Aucun projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="169" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172" />
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="194" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195" />
        <source>&amp;New project…</source>
        <translation>&amp;Nouveau projet…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196" />
        <source>&amp;Open project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197" />
        <source>Open &amp;recent</source>
        <translation>Projets &amp;récents</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200" />
        <source>&amp;Import spreadsheet…</source>
        <translation>&amp;Importer un classeur…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201" />
        <source>Import a partner or survey workbook into this project</source>
        <translation>Importer dans ce projet un classeur d’un partenaire ou d’une enquête</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204" />
        <source>Import district &amp;boundaries…</source>
        <translation>Importer les &amp;limites des districts…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="205" />
        <source>&amp;Export chart…</source>
        <translation>&amp;Exporter le graphique…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="207" />
        <source>&amp;Run models</source>
        <translation>E&amp;xécuter les modèles</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="208" />
        <source>Run every model and rule over the data and update the alerts</source>
        <translation>Exécuter tous les modèles et toutes les règles sur les données et mettre à jour les alertes</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="212" />
        <source>Write &amp;brief…</source>
        <translation>Rédiger la &amp;note de synthèse…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213" />
        <source>Write the meeting brief (Excel workbook or printable PDF), as `workbench report` does</source>
        <translation>Rédiger la note de synthèse de la réunion (classeur Excel ou PDF imprimable), comme le fait `workbench report`</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219" />
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="222" />
        <source>Tab %1</source>
        <translation>Onglet %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="229" />
        <source>Light theme</source>
        <translation>Thème clair</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="229" />
        <source>Dark theme (projector)</source>
        <translation>Thème sombre (vidéoprojecteur)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="236" />
        <source>Reload project</source>
        <translation>Recharger le projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="237" />
        <source>Your name in the alert history…</source>
        <translation>Votre nom dans l’historique des alertes…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="239" />
        <location filename="../tour.py" line="254" />
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240" />
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="247" />
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="251" />
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="266" />
        <source>The language changes the next time the workbench starts.</source>
        <translation>La langue changera au prochain démarrage de l’application.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="270" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271" />
        <source>Restart now</source>
        <translation>Redémarrer maintenant</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="272" />
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="326" />
        <source>Screens</source>
        <translation>Écrans</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="327" />
        <source>Cancel the running task</source>
        <translation>Annuler la tâche en cours</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="328" />
        <source>Progress of the running task</source>
        <translation>Avancement de la tâche en cours</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="373" />
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="374" />
        <source>Opening project</source>
        <translation>Ouverture du projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="381" />
        <location filename="../main_window.py" line="395" />
        <source>Refreshing</source>
        <translation>Actualisation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="410" />
        <source>Refreshing alerts</source>
        <translation>Actualisation des alertes</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="443" />
        <source>Could not open the project</source>
        <translation>Impossible d’ouvrir le projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="465" />
        <source>Backup restored; the damaged file was kept as %1</source>
        <translation>Sauvegarde restaurée ; le fichier endommagé a été conservé sous %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="468" />
        <source>Restoring the backup</source>
        <translation>Restauration de la sauvegarde</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="472" />
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="472" />
        <location filename="../main_window.py" line="490" />
        <source>Workbench project (*.wbproj)</source>
        <translation>Projet de l’application (*.wbproj)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="484" />
        <source>Could not create the project</source>
        <translation>Impossible de créer le projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="490" />
        <source>Open project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="549" />
        <source>Loading models</source>
        <translation>Chargement des modèles</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="553" />
        <source>Reading observations</source>
        <translation>Lecture des observations</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="560" />
        <source>Opening for writing</source>
        <translation>Ouverture en écriture</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="579" />
        <source>%1 series, %2 values</source>
        <translation>%1 séries, %2 valeurs</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="584" />
        <source>latest period %1</source>
        <translation>dernière période %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="587" />
        <source>last import %1</source>
        <translation>dernière importation %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="587" />
        <source>no imports yet</source>
        <translation>aucune importation pour l’instant</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="632" />
        <source>Running models</source>
        <translation>Exécution des modèles</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="636" />
        <source>Saving decision</source>
        <translation>Enregistrement de la décision</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="639" />
        <source>Saving note</source>
        <translation>Enregistrement de la note</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="642" />
        <source>Snoozing</source>
        <translation>Mise en veille</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="660" />
        <source>Saving correction</source>
        <translation>Enregistrement de la correction</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="680" />
        <source>Setting the meeting date</source>
        <translation>Enregistrement de la date de réunion</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="716" />
        <source>Closing</source>
        <translation>Fermeture</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="726" />
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="727" />
        <source>Name recorded with your decisions and notes:</source>
        <translation>Nom enregistré avec vos décisions et vos notes :</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="735" />
        <source>Brief</source>
        <translation>Note de synthèse</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="735" />
        <source>Open or create a project first (File → Open project).</source>
        <translation>Ouvrez ou créez d’abord un projet (Fichier → Ouvrir un projet).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="758" />
        <source>Write brief</source>
        <translation>Rédiger la note de synthèse</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="764" />
        <source>Mark this brief as the meeting (moves the meeting marker)</source>
        <translation>Cette note de synthèse est celle de la réunion (déplace le repère de réunion)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="767" />
        <source>Uncheck for a second brief of the same meeting (another language or format). A further brief written while nothing was decided or run since the last one covers the same meeting anyway.</source>
        <translation>Décochez pour une deuxième note de synthèse de la même réunion (autre langue ou format). Une note rédigée alors que rien n’a été décidé ni lancé depuis la précédente couvre de toute façon la même réunion.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="786" />
        <source>Writing brief</source>
        <translation>Rédaction de la note de synthèse</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="788" />
        <source>Could not write the brief</source>
        <translation>Impossible de rédiger la note de synthèse</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="796" />
        <source>Brief written to %1</source>
        <translation>Note de synthèse enregistrée dans %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="827" />
        <location filename="../main_window.py" line="830" />
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="827" />
        <source>The importer is not available in this build.</source>
        <translation>L’importation n’est pas disponible dans cette version.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="830" />
        <source>Open or create a project first (File → New project).</source>
        <translation>Ouvrez ou créez d’abord un projet (Fichier → Nouveau projet).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="853" />
        <source>Reading rejected rows</source>
        <translation>Lecture des lignes rejetées</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="859" />
        <source>District boundaries</source>
        <translation>Limites des districts</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="859" />
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON (*.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="871" />
        <source>Importing boundaries</source>
        <translation>Importation des limites</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="873" />
        <source>%1 boundaries stored</source>
        <translation>%1 limites enregistrées</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="914" />
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="974" />
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="975" />
        <source>Cohesion Early-Warning Workbench %1
Offline early warning for social-cohesion indicators.</source>
        <translation>Alerte précoce – Cohésion sociale %1
Alerte précoce hors ligne pour les indicateurs de cohésion sociale.</translation>
    </message>
    <message>
        <location filename="../brief.py" line="31" />
        <source>Excel workbook (*.xlsx)</source>
        <extracomment>Save-dialog filters: the format comes from the extension, the paper from the PDF filter chosen.</extracomment>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../brief.py" line="32" />
        <source>PDF brief, A4 paper (*.pdf)</source>
        <translation>Note de synthèse PDF, format A4 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../brief.py" line="33" />
        <source>PDF brief, US Letter paper (*.pdf)</source>
        <translation>Note de synthèse PDF, format US Letter (*.pdf)</translation>
    </message>
    <message>
        <location filename="../tour.py" line="259" />
        <source>Guided &amp;tour</source>
        <translation>&amp;Visite guidée</translation>
    </message>
    <message>
        <location filename="../tour.py" line="260" />
        <source>Show the short introduction to the screens again</source>
        <translation>Afficher à nouveau la courte présentation des écrans</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../import_wizard.py" line="340" />
        <source>Check the layout</source>
        <translation>Vérifier la structure</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="341" />
        <source>The importer's guess is filled in. Change a column if it is wrong and press Apply; the sample below shows the rows as they will be stored.</source>
        <translation>La proposition de l’importateur est préremplie. Modifiez une colonne si elle est erronée, puis cliquez sur Appliquer ; l’extrait ci-dessous montre les lignes telles qu’elles seront enregistrées.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="362" />
        <source>One count per event type</source>
        <translation>Un décompte par type d’événement</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="365" />
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="369" />
        <source>Layout</source>
        <translation>Structure</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="369" />
        <source>Header row</source>
        <translation>Ligne d’en-tête</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="371" />
        <source>Indicator (wide)</source>
        <translation>Indicateur (format large)</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="371" />
        <source>Period format</source>
        <translation>Format des périodes</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="380" />
        <location filename="../import_wizard.py" line="399" />
        <source>Missing markers</source>
        <translation>Marqueurs de valeur manquante</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="383" />
        <source>Top rows of the sheet</source>
        <translation>Premières lignes de la feuille</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="384" />
        <location filename="../import_wizard.py" line="411" />
        <source>Sample of canonical rows</source>
        <translation>Extrait des lignes normalisées</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="404" />
        <location filename="../import_wizard.py" line="405" />
        <source>Events counted per</source>
        <translation>Événements comptés par</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="419" />
        <source>Sheet &lt;b&gt;%1&lt;/b&gt;: %2 rows kept, %3 rejected</source>
        <translation>Feuille &lt;b&gt;%1&lt;/b&gt; : %2 lignes retenues, %3 rejetées</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="447" />
        <source>Event table, aggregated:</source>
        <translation>Table d’événements, agrégée :</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="461" />
        <source>The importer is not sure of this reading. Check it, correct the columns below if needed, and press Apply to confirm it.</source>
        <translation>L’importateur n’est pas sûr de cette lecture. Vérifiez-la, corrigez au besoin les colonnes ci-dessous, puis cliquez sur Appliquer pour la confirmer.</translation>
    </message>
    <message numerus="yes">
        <location filename="../import_wizard.py" line="466" />
        <source>The columns are clear. %n name(s) that look like typos of the project's names are asked on the names page.</source>
        <translation>
            <numerusform>Les colonnes sont claires. %n nom qui ressemble à une faute de frappe d’un nom du projet est soumis à la page des noms.</numerusform>
            <numerusform>Les colonnes sont claires. %n noms qui ressemblent à des fautes de frappe de noms du projet sont soumis à la page des noms.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NameActions</name>
    <message>
        <location filename="../name_actions.py" line="42" />
        <source>Rename region “%1”…</source>
        <translation>Renommer la région « %1 »…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="44" />
        <source>Merge region “%1” into…</source>
        <translation>Fusionner la région « %1 » avec…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="46" />
        <source>Delete region “%1”…</source>
        <translation>Supprimer la région « %1 »…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="52" />
        <source>Rename indicator “%1”…</source>
        <translation>Renommer l’indicateur « %1 »…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="53" />
        <source>Merge indicator “%1” into…</source>
        <translation>Fusionner l’indicateur « %1 » avec…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="54" />
        <source>Delete indicator “%1”…</source>
        <translation>Supprimer l’indicateur « %1 »…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="67" />
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="67" />
        <source>New name for “%1”:</source>
        <translation>Nouveau nom pour « %1 » :</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="79" />
        <source>Merge</source>
        <translation>Fusionner</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="79" />
        <source>Merge “%1” into:</source>
        <translation>Fusionner « %1 » avec :</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="101" />
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="101" />
        <source>Delete %1 “%2” and all its values? A backup of the project is kept.</source>
        <translation>Supprimer %1 « %2 » et toutes ses valeurs ? Une sauvegarde du projet est conservée.</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="124" />
        <source>Changing names</source>
        <translation>Modification des noms</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="130" />
        <source>Not changed</source>
        <translation>Aucune modification</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="159" />
        <source>Values differ</source>
        <translation>Les valeurs diffèrent</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="160" />
        <source>Keep the target's values</source>
        <translation>Garder les valeurs de la cible</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="161" />
        <source>Keep the merged one's values</source>
        <translation>Garder les valeurs de l’élément fusionné</translation>
    </message>
</context>
<context>
    <name>NamesPage</name>
    <message>
        <location filename="../import_names_page.py" line="22" />
        <source>keep as a new name</source>
        <translation>garder comme nouveau nom</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="29" />
        <source>Check the names</source>
        <translation>Vérifier les noms</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="30" />
        <source>Names that resemble a region or indicator the project already has are probably typos. Choose the existing name, or keep the name as new.</source>
        <translation>Les noms qui ressemblent à une région ou à un indicateur déjà présent dans le projet sont probablement des fautes de frappe. Choisissez le nom existant, ou gardez le nom comme nouveau.</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="35" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="35" />
        <source>Name in the file</source>
        <translation>Nom dans le fichier</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="35" />
        <source>Store as</source>
        <translation>Enregistrer sous</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="38" />
        <source>Names to confirm</source>
        <translation>Noms à confirmer</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="55" />
        <source>region</source>
        <translation>la région</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="55" />
        <source>indicator</source>
        <translation>l’indicateur</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="58" />
        <source>Store %1 as</source>
        <translation>Enregistrer %1 sous</translation>
    </message>
    <message numerus="yes">
        <location filename="../import_names_page.py" line="72" />
        <source>%n name(s) resemble names the project already has.</source>
        <translation>
            <numerusform>%n nom ressemble à un nom déjà présent dans le projet.</numerusform>
            <numerusform>%n noms ressemblent à des noms déjà présents dans le projet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="74" />
        <source>No name needs confirming.</source>
        <translation>Aucun nom à confirmer.</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="76" />
        <source>New regions</source>
        <translation>Nouvelles régions</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="76" />
        <source>New indicators</source>
        <translation>Nouveaux indicateurs</translation>
    </message>
</context>
<context>
    <name>ObservationTableModel</name>
    <message>
        <location filename="../data_view.py" line="113" />
        <source>all</source>
        <translation>tous</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="117" />
        <source>missing</source>
        <translation>manquante</translation>
    </message>
</context>
<context>
    <name>RegionTree</name>
    <message>
        <location filename="../region_tree.py" line="24" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="24" />
        <location filename="../region_tree.py" line="36" />
        <source>Risk</source>
        <translation>Risque</translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="24" />
        <location filename="../region_tree.py" line="37" />
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="26" />
        <source>Regions</source>
        <translation>Régions</translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="66" />
        <source>share of expected monthly values present</source>
        <translation>part des valeurs mensuelles attendues qui sont présentes</translation>
    </message>
    <message numerus="yes">
        <location filename="../region_tree.py" line="104" />
        <source>%n active alert(s), worst: </source>
        <translation>
            <numerusform>%n alerte active, gravité : </numerusform>
            <numerusform>%n alertes actives, la plus grave : </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../import_wizard.py" line="510" />
        <source>Validation report</source>
        <translation>Rapport de validation</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="511" />
        <source>Rejected rows are not imported; they are kept with the import so they can be traced. Go back to change the mapping, or continue.</source>
        <translation>Les lignes rejetées ne sont pas importées ; elles sont conservées avec l’importation pour pouvoir être retracées. Revenez en arrière pour modifier la correspondance, ou continuez.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="516" />
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="516" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="516" />
        <source>Cells</source>
        <translation>Cellules</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="519" />
        <source>Rejected rows</source>
        <translation>Lignes rejetées</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="533" />
        <source>skipped (%1)</source>
        <translation>ignorée (%1)</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="535" />
        <source>read %1, kept %2, rejected %3</source>
        <translation>lues %1, retenues %2, rejetées %3</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="538" />
        <source>missing values %1</source>
        <translation>valeurs manquantes %1</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="540" />
        <source>%1 regions, %2 indicators, %3</source>
        <translation>%1 régions, %2 indicateurs, %3</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="543" />
        <source>aggregated: %1</source>
        <translation>agrégé : %1</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="545" />
        <source>rejected: %1 (%2)</source>
        <translation>rejetées : %1 (%2)</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="549" />
        <source>suspicious values (kept, please check): %1</source>
        <translation>valeurs suspectes (retenues, à vérifier) : %1</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="552" />
        <source>row %1: %2</source>
        <translation>ligne %1 : %2</translation>
    </message>
</context>
<context>
    <name>RestoreOffer</name>
    <message>
        <location filename="../restore_offer.py" line="37" />
        <source>Damaged project</source>
        <translation>Projet endommagé</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="38" />
        <source>This project file is damaged and cannot be opened.</source>
        <translation>Ce fichier de projet est endommagé et ne peut pas être ouvert.</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="42" />
        <source>The last automatic backup is the project as it was before its last import, model run or merge, on %1. Restoring puts it in place and keeps the damaged file beside it as %2.damaged-DATE-TIME.</source>
        <translation>La dernière sauvegarde automatique correspond au projet tel qu’il était avant sa dernière importation, exécution des modèles ou fusion, le %1. La restauration la remet en place et conserve le fichier endommagé à côté, sous le nom %2.damaged-DATE-HEURE.</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="47" />
        <source>Restore the backup from %1</source>
        <translation>Restaurer la sauvegarde du %1</translation>
    </message>
</context>
<context>
    <name>RiskHeatmap</name>
    <message>
        <location filename="../heatmap.py" line="84" />
        <source>Colour = strongest alert covering the month: </source>
        <translation>Couleur = alerte la plus forte couvrant le mois : </translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="95" />
        <location filename="../heatmap.py" line="104" />
        <source>Months shown</source>
        <translation>Mois affichés</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="97" />
        <source>Last 6 months</source>
        <translation>6 derniers mois</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="96" />
        <source>Last 3 months</source>
        <translation>3 derniers mois</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="82" />
        <source>protracted</source>
        <extracomment>The spans the heatmap offers, in months (0: the whole history); 6 is the default (what rose recently, not where alerts were over the years), the choice kept in the user's settings. A protracted situation's cells: a muted slate, apart from the severities' warm colours. Longest district name on the heatmap's axis; a longer one is cut with "…" (the read-out under the map names the hovered district in full).</extracomment>
        <translation>prolongée</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="90" />
        <source>Protracted: a rise that became the series' new normal; it left the inbox, and is drawn apart so the heatmap does not show it as a risk to decide on</source>
        <translation>Prolongée : une hausse devenue la nouvelle normale de la série ; elle a quitté la boîte de réception et est dessinée à part pour que la carte de chaleur ne la montre pas comme un risque à trancher</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="98" />
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="99" />
        <source>Whole history</source>
        <translation>Tout l’historique</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="101" />
        <source>Recent months show where risk is rising now; the whole history shows where alerts were over the years</source>
        <translation>Les derniers mois montrent où le risque monte maintenant ; tout l’historique montre où les alertes ont été au fil des ans</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="115" />
        <source>Risk heatmap: districts by month</source>
        <translation>Carte de chaleur des risques : districts par mois</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="170" />
        <source>No data yet: import a spreadsheet (Ctrl+I).</source>
        <translation>Aucune donnée pour l’instant : importez un classeur (Ctrl+I).</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="222" />
        <source>alert #%1, a protracted situation (not in the inbox)</source>
        <translation>alerte n° %1, situation prolongée (hors boîte de réception)</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="224" />
        <source>alert #%1, %2</source>
        <translation>alerte n° %1, %2</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="226" />
        <source>no alert</source>
        <translation>aucune alerte</translation>
    </message>
</context>
<context>
    <name>RiskMap</name>
    <message>
        <location filename="../map_view.py" line="97" />
        <source>Import district boundaries (GeoJSON)…</source>
        <translation>Importer les limites des districts (GeoJSON)…</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="81" />
        <location filename="../map_view.py" line="103" />
        <source>Colour by</source>
        <translation>Couleur selon</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="79" />
        <source>Map of the districts</source>
        <extracomment>The map opens on where risk rose in the last months (alerts raised since then): the recent windows it offers (workbench.settings.MAP_MONTHS, the choice kept in the user's settings).</extracomment>
        <translation>Carte des districts</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="87" />
        <source>Last 3 months</source>
        <translation>3 derniers mois</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="87" />
        <source>Last 6 months</source>
        <translation>6 derniers mois</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="87" />
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="91" />
        <location filename="../map_view.py" line="95" />
        <source>Recent window</source>
        <translation>Période récente</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="92" />
        <source>How far back "raised recently" reaches, in months of data: where risk is rising now (kept for next time)</source>
        <translation>Jusqu’où remonte « levées récemment », en mois de données : où le risque monte maintenant (gardé pour la prochaine fois)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="130" />
        <source>Alerts flagged recently</source>
        <translation>Alertes signalées récemment</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="132" />
        <source>Rising risk now: the worst alert still active or flagged in the recent window, whenever it started (the heatmap's cells over the same months); protracted situations are left out, as in the inbox</source>
        <translation>Risque en hausse maintenant : la pire alerte encore active ou signalée dans la période récente, quelle que soit sa date de début (les cases de la carte de chaleur sur les mêmes mois) ; les situations prolongées sont laissées de côté, comme dans la boîte de réception</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="252" />
        <source>worst alert active or flagged since %1: </source>
        <translation>pire alerte active ou signalée depuis %1 : </translation>
    </message>
    <message>
        <location filename="../map_view.py" line="135" />
        <source>Active alert risk</source>
        <translation>Risque des alertes actives</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="137" />
        <source>Latest: %1</source>
        <translation>Dernière valeur : %1</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="141" />
        <source>No boundaries in this project yet. Import a GeoJSON file with one polygon per district (a 'name' or 'code' property) — it is stored in the project, so the map works offline.</source>
        <translation>Ce projet ne contient pas encore de limites. Importez un fichier GeoJSON comportant un polygone par district (propriété « name » ou « code ») : il est enregistré dans le projet, si bien que la carte fonctionne hors ligne.</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="160" />
        <source>%1 (not in this project)</source>
        <translation>%1 (absent de ce projet)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="168" />
        <source>%1 boundaries do not match a district of this project.</source>
        <translation>%1 limites ne correspondent à aucun district de ce projet.</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="254" />
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="259" />
        <source>worst active alert: </source>
        <translation>alerte active la plus grave : </translation>
    </message>
    <message>
        <location filename="../map_view.py" line="263" />
        <source>none now</source>
        <translation>aucune actuellement</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="276" />
        <source>latest value: %1 (light) to %2 (dark red = worse)</source>
        <translation>dernière valeur : de %1 (clair) à %2 (rouge foncé = plus défavorable)</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../import_wizard.py" line="578" />
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="579" />
        <source>Save this mapping for next month's file</source>
        <translation>Enregistrer cette correspondance pour le fichier du mois prochain</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="581" />
        <source>Import now</source>
        <translation>Importer maintenant</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="583" />
        <source>Cancel import</source>
        <translation>Annuler l’importation</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="594" />
        <source>Import progress</source>
        <translation>Avancement de l’importation</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="622" />
        <source>Importing…</source>
        <translation>Importation en cours…</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="633" />
        <source>Importing %1</source>
        <translation>Importation de %1</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="644" />
        <source>Cancelled; the project was not changed.</source>
        <translation>Annulé ; le projet n’a pas été modifié.</translation>
    </message>
</context>
<context>
    <name>SeriesChart</name>
    <message>
        <location filename="../chart.py" line="280" />
        <source>baseline</source>
        <translation>référence</translation>
    </message>
    <message>
        <location filename="../chart.py" line="281" />
        <source>threshold</source>
        <translation>seuil</translation>
    </message>
    <message>
        <location filename="../chart.py" line="285" />
        <source>forecast</source>
        <translation>prévision</translation>
    </message>
    <message>
        <location filename="../chart.py" line="278" />
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <location filename="../chart.py" line="60" />
        <source>Chart of the series</source>
        <extracomment>Characters of a note written on the chart (the whole note is its tooltip and in the History tab). ``ui.theme.restyle_plots`` calls :meth:`apply_theme` after a theme switch.</extracomment>
        <translation>Graphique de la série</translation>
    </message>
    <message>
        <location filename="../chart.py" line="64" />
        <source>Value under the mouse</source>
        <translation>Valeur sous le pointeur</translation>
    </message>
    <message>
        <location filename="../chart.py" line="279" />
        <source>normal range</source>
        <translation>plage normale</translation>
    </message>
    <message>
        <location filename="../chart.py" line="282" />
        <source>codebook threshold</source>
        <translation>seuil du dictionnaire des indicateurs</translation>
    </message>
    <message>
        <location filename="../chart.py" line="283" />
        <source>flagged</source>
        <translation>signalée</translation>
    </message>
    <message>
        <location filename="../chart.py" line="284" />
        <source>alert</source>
        <translation>alerte</translation>
    </message>
    <message>
        <location filename="../chart.py" line="299" />
        <source>baseline and threshold: loading the models…</source>
        <translation>référence et seuil : chargement des modèles…</translation>
    </message>
    <message>
        <location filename="../chart.py" line="303" />
        <source>Normal range: the baseline ± 2 spreads of the rule's method (the monitor: frozen while an alert is open).
Threshold: the value one period alone needs to open an alert under the rule named in brackets; several raised periods together (EWMA) can open one below it.
Hover a flagged period for why it was flagged, an alert triangle for its explanation.</source>
        <translation>Plage normale : la référence ± 2 écarts selon la méthode de la règle (pour le moniteur, figée tant qu’une alerte est ouverte).
Seuil : la valeur qu’une seule période doit atteindre pour ouvrir une alerte selon la règle indiquée entre parenthèses ; plusieurs périodes élevées à la suite (EWMA) peuvent en ouvrir une en dessous.
Survolez une période signalée pour savoir pourquoi elle l’a été, et un triangle d’alerte pour son explication.</translation>
    </message>
    <message>
        <location filename="../chart.py" line="326" />
        <source>missing</source>
        <translation>manquante</translation>
    </message>
    <message>
        <location filename="../chart.py" line="327" />
        <source>value %1</source>
        <translation>valeur %1</translation>
    </message>
    <message>
        <location filename="../chart.py" line="329" />
        <source>baseline %1</source>
        <translation>référence %1</translation>
    </message>
    <message>
        <location filename="../chart.py" line="329" />
        <source>threshold %1</source>
        <translation>seuil %1</translation>
    </message>
</context>
<context>
    <name>SeriesOverlay</name>
    <message>
        <location filename="../overlay.py" line="212" />
        <source>one in a million or rarer</source>
        <translation>une sur un million ou moins</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="213" />
        <source>one in %1</source>
        <translation>une sur %1</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="214" />
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="215" />
        <source>normal about %1 (± %2)</source>
        <translation>normale autour de %1 (± %2)</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="202" />
        <source>opened the alert: this period alone was rarer than %1</source>
        <extracomment>What a flagged period did, by :data:`alerts.overlay.REASONS` (``%1``: how rare, how far, or the method).</extracomment>
        <translation>a ouvert l’alerte : cette seule période était plus rare que %1</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="203" />
        <source>opened the alert: the recent periods together (EWMA) passed the limit</source>
        <translation>a ouvert l’alerte : les périodes récentes prises ensemble (EWMA) ont dépassé la limite</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="205" />
        <source>kept the alert open: rarer than %1 on its own</source>
        <translation>a maintenu l’alerte ouverte : à elle seule, plus rare que %1</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="207" />
        <source>kept the alert open: the recent periods together (EWMA) are still past the limit</source>
        <translation>a maintenu l’alerte ouverte : les périodes récentes prises ensemble (EWMA) dépassent encore la limite</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="209" />
        <source>kept the alert open: still %1 spreads above normal</source>
        <translation>a maintenu l’alerte ouverte : encore %1 écarts au-dessus de la normale</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="210" />
        <source>flagged by %1</source>
        <translation>signalée par %1</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="216" />
        <source>past the codebook threshold %1</source>
        <translation>au-delà du seuil %1 du dictionnaire des indicateurs</translation>
    </message>
</context>
<context>
    <name>SeriesView</name>
    <message>
        <location filename="../series_view.py" line="49" />
        <source>Series of the region</source>
        <translation>Séries de la région</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="52" />
        <source>Keep for comparison</source>
        <translation>Garder pour comparaison</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="53" />
        <source>Keep this series on the chart while you look at other regions</source>
        <translation>Garder cette série sur le graphique pendant que vous consultez d’autres régions</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="54" />
        <source>Clear comparison</source>
        <translation>Effacer la comparaison</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="55" />
        <source>Export chart…</source>
        <translation>Exporter le graphique…</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="64" />
        <source>Ctrl+click to compare indicators</source>
        <translation>Ctrl+clic pour comparer des indicateurs</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="97" />
        <source>&lt;b&gt;No data yet.&lt;/b&gt;&lt;br&gt;Import a spreadsheet (File → Import, Ctrl+I) or drop it on this window.</source>
        <translation>&lt;b&gt;Aucune donnée pour l’instant.&lt;/b&gt;&lt;br&gt;Importez un classeur (Fichier → Importer, Ctrl+I) ou déposez-le sur cette fenêtre.</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="135" />
        <source>No data for this region yet.</source>
        <translation>Aucune donnée pour cette région pour l’instant.</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="217" />
        <source>Forecasting</source>
        <translation>Prévision en cours</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="276" />
        <source>Export chart</source>
        <translation>Exporter le graphique</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="276" />
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>Image PNG (*.png);;Dessin SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="286" />
        <source>Could not export the chart</source>
        <translation>Impossible d’exporter le graphique</translation>
    </message>
</context>
<context>
    <name>SituationTableModel</name>
    <message>
        <location filename="../alerts_inbox.py" line="249" />
        <source>The status of each of this situation's %1 alert(s), the status to act on first: %2</source>
        <translation>Le statut de chacune des %1 alerte(s) de cette situation, celui à traiter d’abord en premier : %2</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="255" />
        <source>flagged from %1 to %2</source>
        <translation>signalée de %1 à %2</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="258" />
        <source>last flagged period: %1; raised %2 ago</source>
        <translation>dernière période signalée : %1 ; déclenchée il y a %2</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <location filename="../tour.py" line="55" />
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <location filename="../tour.py" line="56" />
        <source>This is your own copy of the sample project: invented monthly indicators for the 60 districts of the Republic of Meridia. Try anything here (import, run the models, work the alerts); it never touches your real data. The next pages show the four screens you will use most.</source>
        <translation>Voici votre propre copie du projet d’exemple : des indicateurs mensuels fictifs pour les 60 districts de la République de Méridia. Vous pouvez tout essayer (importer, exécuter les modèles, traiter les alertes) sans jamais toucher à vos données réelles. Les pages suivantes présentent les quatre écrans que vous utiliserez le plus.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="63" />
        <source>Regions</source>
        <translation>Régions</translation>
    </message>
    <message>
        <location filename="../tour.py" line="64" />
        <source>Provinces and their districts. The badge counts the active alerts and its colour is the most severe of them (no badge: nothing needs a decision there now); the bar shows how complete each district's data is. Click a district to see its series.</source>
        <translation>Les provinces et leurs districts. La pastille indique le nombre d’alertes actives et sa couleur la plus grave d’entre elles (pas de pastille : aucune décision à prendre pour l’instant) ; la colonne Données indique la complétude des données de chaque district. Cliquez sur un district pour voir ses séries.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="70" />
        <source>Alerts inbox</source>
        <translation>Alertes reçues</translation>
    </message>
    <message>
        <location filename="../tour.py" line="71" />
        <source>Active situations, most severe first: alerts in progress and new ones whose episode is still ongoing ('Historical' in the filter lists episodes that ended long ago). Select one to read why it fired (the method, the value, the baseline and the threshold), then acknowledge, verify, escalate, dismiss with a reason or close it. Every decision is kept with who made it and when.</source>
        <translation>Les situations actives, des plus graves aux moins graves : alertes en cours de traitement et nouvelles alertes dont l’épisode se poursuit (le filtre « Historiques » liste les épisodes terminés depuis longtemps). Sélectionnez-en une pour voir pourquoi elle s’est déclenchée (la méthode, la valeur, la référence et le seuil), puis prenez-la en compte, vérifiez-la, escaladez-la, écartez-la en indiquant un motif ou clôturez-la. Chaque décision est conservée avec son auteur et sa date.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="80" />
        <source>Series chart</source>
        <translation>Graphique des séries</translation>
    </message>
    <message>
        <location filename="../tour.py" line="81" />
        <source>One indicator in one district over time: its baseline, thresholds, alert markers and forecast band. Drag to pan, scroll to zoom; File → Export chart saves a picture.</source>
        <translation>Un indicateur dans un district au fil du temps : sa référence, ses seuils, les marqueurs d’alerte et la bande de prévision. Faites glisser pour vous déplacer, utilisez la molette pour zoomer ; Fichier → Exporter le graphique enregistre une image.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="87" />
        <source>Import your own file</source>
        <translation>Importer votre propre fichier</translation>
    </message>
    <message>
        <location filename="../tour.py" line="88" />
        <source>Start your own project with File → New project, then File → Import spreadsheet (Ctrl+I), or drop an .xlsx, .xls, .ods or .csv file on this window. The wizard shows what it recognised and which rows it rejected and why; fix the mapping once and it is reused next month. Then File → Run models (Ctrl+R) raises the alerts.</source>
        <translation>Créez votre propre projet avec Fichier → Nouveau projet, puis Fichier → Importer un classeur (Ctrl+I), ou déposez un fichier .xlsx, .xls, .ods ou .csv sur cette fenêtre. L’assistant montre ce qu’il a reconnu ainsi que les lignes rejetées et pourquoi ; corrigez la correspondance une fois et elle sera réutilisée le mois suivant. Ensuite, Fichier → Exécuter les modèles (Ctrl+R) déclenche les alertes.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="95" />
        <source>That's it</source>
        <translation>C’est tout</translation>
    </message>
    <message>
        <location filename="../tour.py" line="96" />
        <source>Help → Guided tour shows these pages again at any time.</source>
        <translation>Aide → Visite guidée affiche de nouveau ces pages à tout moment.</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <location filename="../tour.py" line="155" />
        <source>Guided tour</source>
        <translation>Visite guidée</translation>
    </message>
    <message>
        <location filename="../tour.py" line="165" />
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location filename="../tour.py" line="166" />
        <location filename="../tour.py" line="195" />
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location filename="../tour.py" line="168" />
        <source>Close tour</source>
        <translation>Fermer la visite</translation>
    </message>
    <message>
        <location filename="../tour.py" line="192" />
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location filename="../tour.py" line="195" />
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="../vocabulary.py" line="17" />
        <source>new</source>
        <translation>nouvelle</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="17" />
        <source>acknowledged</source>
        <translation>prise en compte</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="18" />
        <source>verified</source>
        <translation>vérifiée</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="18" />
        <source>escalated</source>
        <translation>escaladée</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="19" />
        <source>closed</source>
        <translation>clôturée</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="19" />
        <source>dismissed</source>
        <translation>écartée</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="20" />
        <source>withdrawn</source>
        <translation>retirée</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="21" />
        <source>low</source>
        <translation>faible</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="21" />
        <source>medium</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="22" />
        <source>high</source>
        <translation>élevée</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="24" />
        <source>false alarm</source>
        <translation>fausse alerte</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="24" />
        <source>data error</source>
        <translation>erreur de données</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="25" />
        <source>known cause</source>
        <translation>cause connue</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="26" />
        <source>respond</source>
        <translation>intervenir</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="26" />
        <source>monitor</source>
        <translation>surveiller</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="27" />
        <source>discard</source>
        <translation>écarter</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="28" />
        <source>very unlikely</source>
        <translation>très improbable</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="28" />
        <source>unlikely</source>
        <translation>improbable</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="29" />
        <source>likely</source>
        <translation>probable</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="29" />
        <source>highly likely</source>
        <translation>très probable</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="30" />
        <source>almost certain</source>
        <translation>presque certain</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="31" />
        <source>minimal</source>
        <translation>minimes</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="31" />
        <source>minor</source>
        <translation>mineures</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="32" />
        <source>moderate</source>
        <translation>modérées</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="32" />
        <source>major</source>
        <translation>majeures</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="33" />
        <source>severe</source>
        <translation>graves</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="35" />
        <source>Acknowledge</source>
        <translation>Prendre en compte</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="35" />
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="36" />
        <source>Escalate</source>
        <translation>Escalader</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="36" />
        <source>Close</source>
        <translation>Clôturer</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="37" />
        <source>Dismiss</source>
        <translation>Écarter</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="37" />
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="39" />
        <source>run</source>
        <translation>exécution</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="39" />
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="40" />
        <source>transition</source>
        <translation>changement de statut</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="42" />
        <source>country</source>
        <translation>pays</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="42" />
        <source>province</source>
        <translation>province</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="43" />
        <source>district</source>
        <translation>district</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="43" />
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="45" />
        <source>region</source>
        <translation>la région</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="45" />
        <source>indicator</source>
        <translation>l’indicateur</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="47" />
        <source>data</source>
        <translation>données</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="47" />
        <source>codebook</source>
        <translation>dictionnaire des indicateurs</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="48" />
        <source>cover</source>
        <translation>page de garde</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="48" />
        <source>empty</source>
        <translation>vide</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="49" />
        <source>unrecognized</source>
        <translation>non reconnue</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="51" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="51" />
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="52" />
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="52" />
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="53" />
        <source>Indicator</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="53" />
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="54" />
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="54" />
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="55" />
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="57" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="57" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="58" />
        <source>Indicators</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="58" />
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="59" />
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="59" />
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="60" />
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="60" />
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="61" />
        <source>Complete</source>
        <translation>Complétude</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="61" />
        <source>Values</source>
        <translation>Valeurs</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="62" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="62" />
        <source>Sheet</source>
        <translation>Feuille</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="63" />
        <source>Imported at</source>
        <translation>Importé le</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="63" />
        <source>Rows read</source>
        <translation>Lignes lues</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="64" />
        <source>Kept</source>
        <translation>Retenues</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="64" />
        <source>Rejected</source>
        <translation>Rejetées</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="65" />
        <source>New values</source>
        <translation>Nouvelles valeurs</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="65" />
        <source>Revised</source>
        <translation>Révisées</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="67" />
        <source>ongoing</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="67" />
        <source>ended</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="68" />
        <source>this month</source>
        <translation>ce mois-ci</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="68" />
        <source>%1 mo ago</source>
        <translation>il y a %1 mois</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="69" />
        <source>%1 y ago</source>
        <translation>il y a %1 an(s)</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="69" />
        <source>today</source>
        <translation>aujourd’hui</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="70" />
        <source>%1 d</source>
        <translation>%1 j</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="70" />
        <source>%1 mo</source>
        <translation>%1 mois</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="73" />
        <source>changed</source>
        <translation>modifiée</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="73" />
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="74" />
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="74" />
        <source>correction</source>
        <translation>correction</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="103" />
        <source>new: raised since the last meeting, still active</source>
        <translation>nouvelle : levée depuis la dernière réunion, toujours active</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="104" />
        <source>escalated: escalated or more severe since the meeting</source>
        <translation>escaladée : escaladée ou plus grave depuis la réunion</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="105" />
        <source>changed: decided on, corrected, or its episode went on</source>
        <translation>modifiée : une décision, une correction, ou son épisode s’est prolongé</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="106" />
        <source>overdue: active and still not verified after a week</source>
        <translation>en retard : active et toujours pas vérifiée après une semaine</translation>
    </message>
</context>
</TS>