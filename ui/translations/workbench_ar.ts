<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar_EG">
<context>
    <name>AlertDetail</name>
    <message>
        <location filename="../alert_detail.py" line="113" />
        <source>Open in Series tab</source>
        <translation>فتح في تبويب السلاسل</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="117" />
        <source>History of the situation</source>
        <translation>سجل الحالة</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="118" />
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="118" />
        <source>Who</source>
        <translation>من</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="118" />
        <source>Change</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="118" />
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="127" />
        <source>Note for the history (what was decided and why)</source>
        <translation>ملاحظة للسجل (ما تقرر ولماذا)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="128" />
        <source>Note for the history</source>
        <translation>ملاحظة للسجل</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="140" />
        <source>Verification (risk assessment)</source>
        <translation>التحقق (تقييم المخاطر)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="293" />
        <source>No alerts yet</source>
        <translation>لا توجد تنبيهات بعد</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="293" />
        <source>No situation selected</source>
        <translation>لم يتم اختيار أي حالة</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="295" />
        <source>Run every model and rule over the data to raise alerts (File → Run models, Ctrl+R).</source>
        <translation>شغّل جميع النماذج والقواعد على البيانات لإطلاق التنبيهات (ملف ← تشغيل النماذج، Ctrl+R).</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="296" />
        <source>Select a situation on the left to see its alerts, chart and history.</source>
        <translation>اختر حالة من القائمة لعرض تنبيهاتها ورسمها البياني وسجلها.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="144" />
        <location filename="../alert_detail.py" line="618" />
        <source>Likelihood</source>
        <translation>الاحتمال</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="145" />
        <location filename="../alert_detail.py" line="619" />
        <source>Consequence</source>
        <translation>العواقب</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="146" />
        <location filename="../alert_detail.py" line="620" />
        <source>Outcome</source>
        <translation>الإجراء المتخذ</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="147" />
        <location filename="../alert_detail.py" line="617" />
        <source>Dismissal reason</source>
        <translation>سبب الاستبعاد</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="101" />
        <source>Alerts of this situation</source>
        <extracomment>One button per action a person can take (the vocabulary's table; labels translated on use). (alert id, corrected status, options: note, reason, likelihood, consequence, outcome) a decision was refused for an empty field: the inbox scrolls the message into view</extracomment>
        <translation>تنبيهات هذه الحالة</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="159" />
        <source>Add note</source>
        <translation>إضافة ملاحظة</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="172" />
        <source>Snooze until</source>
        <translation>تأجيل حتى</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="173" />
        <source>Hide from the Active view until this period (the history still shows it)</source>
        <translation>إخفاء من عرض «النشطة» حتى هذه الفترة (يبقى ظاهرًا في السجل)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="170" />
        <source>Snooze</source>
        <translation>تأجيل</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="131" />
        <source>Apply to the whole situation (asks first)</source>
        <translation>تطبيق على الحالة كلها (بعد التأكيد)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="161" />
        <source>Correct…</source>
        <translation>تصحيح…</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="163" />
        <source>Correct the latest decision on this alert (the history keeps both)</source>
        <translation>تصحيح آخر قرار بشأن هذا التنبيه (يحتفظ السجل بالاثنين)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="226" />
        <source>Timeline of the whole district</source>
        <translation>التسلسل الزمني للمديرية بأكملها</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="227" />
        <source>Every event of every alert ever raised in this district</source>
        <translation>جميع أحداث كل التنبيهات التي أُطلقت في هذه المديرية</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="233" />
        <source>Chart and history of the selected alert</source>
        <translation>الرسم البياني وسجل التنبيه المحدد</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="234" />
        <source>Chart</source>
        <translation>الرسم البياني</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="235" />
        <source>History</source>
        <translation>السجل</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="252" />
        <source>Run the models now</source>
        <translation>تشغيل النماذج الآن</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="308" />
        <source>%1 alert(s), %2 to %3</source>
        <translation>عدد التنبيهات: %1، من %2 إلى %3</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="339" />
        <source>risk %1 (likelihood %2, consequence %3), outcome %4</source>
        <translation>الخطر %1 (الاحتمال %2، العواقب %3)، الإجراء المتخذ: %4</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="343" />
        <source>dismissed: %1</source>
        <translation>مستبعد: %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="345" />
        <source>method: %1</source>
        <translation>الأسلوب: %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="372" />
        <source>This series is derived from the group series at each run; it is drawn here, and its groups are in the Series tab.</source>
        <translation>تُحسب هذه السلسلة من سلاسل الفئات عند كل تشغيل؛ وهي معروضة هنا، أما فئاتها ففي تبويب السلاسل.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="384" />
        <source>%1: no data to draw</source>
        <translation>%1: لا توجد بيانات لرسمها</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="449" />
        <source>risk %1, %2</source>
        <translation>الخطر %1، %2</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="507" />
        <source>Decide for %1 alerts?</source>
        <translation>اتخاذ القرار لـ %1 تنبيهات؟</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="509" />
        <source>This decision will change these %1 alerts:</source>
        <translation>سيغير هذا القرار التنبيهات الـ %1 التالية:</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="513" />
        <source>not active (episode ended %1)</source>
        <translation>غير نشط (انتهت النوبة في %1)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="518" />
        <source>Change %1 alerts</source>
        <translation>تغيير %1 تنبيهات</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="532" />
        <source>Choose why the alert is dismissed.</source>
        <translation>اختر سبب استبعاد التنبيه.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="535" />
        <source>Verifying records the risk assessment: choose the likelihood, the consequence and the outcome.</source>
        <translation>يسجل التحقق تقييم المخاطر: اختر الاحتمال والعواقب والإجراء المتخذ.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="570" />
        <source>note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="595" />
        <source>until %1</source>
        <translation>حتى %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="601" />
        <source>snoozed until %1</source>
        <translation>مؤجل حتى %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="630" />
        <location filename="../alert_detail.py" line="647" />
        <source>choose…</source>
        <translation>اختر…</translation>
    </message>
</context>
<context>
    <name>AlertsInboxView</name>
    <message>
        <location filename="../alerts_inbox.py" line="302" />
        <source>Active</source>
        <translation>النشطة</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="303" />
        <source>In progress (acknowledged, verified, escalated), or new with an episode still ongoing in the latest data</source>
        <translation>قيد المعالجة (تم الاطلاع عليها أو التحقق منها أو تصعيدها)، أو جديدة ولا تزال نوبتها مستمرة في أحدث البيانات</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="305" />
        <source>Open (all)</source>
        <translation>المفتوحة (الكل)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="306" />
        <source>Historical (ended, never handled)</source>
        <translation>السابقة (انتهت ولم تُعالَج)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="307" />
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="322" />
        <source>Any severity</source>
        <translation>أي درجة خطورة</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="326" />
        <source>Any age</source>
        <translation>أي تاريخ</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="327" />
        <source>New, last 7 days</source>
        <translation>جديدة، آخر 7 أيام</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="328" />
        <source>New, last 30 days</source>
        <translation>جديدة، آخر 30 يومًا</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="329" />
        <source>Raised &gt; 30 days ago</source>
        <translation>أُطلقت قبل أكثر من 30 يومًا</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="330" />
        <source>When the alerts were raised: situations with an alert new since the last meeting, or situations first raised long ago</source>
        <translation>تاريخ إطلاق التنبيهات: الحالات التي فيها تنبيه جديد منذ الاجتماع الأخير، أو الحالات التي أُبلغ عنها أول مرة منذ وقت طويل</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="339" />
        <source>Region or indicator…</source>
        <translation>منطقة أو مؤشر…</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="346" />
        <source>Set meeting date…</source>
        <translation>تاريخ الاجتماع…</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="348" />
        <source>The date of the last meeting, shared with everyone working on this project (writing a brief sets it too)</source>
        <translation>تاريخ آخر اجتماع، مشترك مع كل من يعمل على هذا المشروع (كتابة الموجز تحدده أيضًا)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="354" />
        <source>Show every region again</source>
        <translation>إظهار كل المناطق مجددًا</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="358" />
        <location filename="../alerts_inbox.py" line="371" />
        <source>Status</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="360" />
        <source>When raised</source>
        <translation>تاريخ الإطلاق</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="361" />
        <source>Search region or indicator</source>
        <translation>البحث عن منطقة أو مؤشر</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="388" />
        <source>Situations</source>
        <translation>الحالات</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="560" />
        <source>No meeting recorded yet: showing the last 7 days</source>
        <translation>لم يُسجل أي اجتماع بعد: تُعرض آخر 7 أيام</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="562" />
        <source>Last meeting: %1 (brief written by %2)</source>
        <translation>آخر اجتماع: %1 (كتب الموجز %2)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="564" />
        <source>Last meeting: %1 (set by %2)</source>
        <translation>آخر اجتماع: %1 (حدده %2)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="579" />
        <location filename="../alerts_inbox.py" line="587" />
        <source>Date of the last meeting</source>
        <translation>تاريخ آخر اجتماع</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="581" />
        <source>The inbox will show what moved since this date, for everyone working on this project.</source>
        <translation>سيعرض صندوق التنبيهات ما تغير منذ هذا التاريخ، لكل من يعمل على هذا المشروع.</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="620" />
        <source>%1 ✕</source>
        <translation>%1 ✕</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="621" />
        <source>Showing %1 only: show every region</source>
        <translation>يُعرض %1 فقط: إظهار كل المناطق</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="321" />
        <location filename="../alerts_inbox.py" line="359" />
        <source>Severity</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="299" />
        <source>Since the last meeting</source>
        <extracomment>the meeting marker to set (an ISO date), from "Set meeting date…"</extracomment>
        <translation>منذ آخر اجتماع</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="300" />
        <source>New, escalated, changed or overdue since the last meeting (the Why column says which)</source>
        <translation>الجديدة أو المصعّدة أو المتغيرة أو المتأخرة منذ آخر اجتماع (يبين عمود السبب أيها)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="511" />
        <source>%1 of %2 situations</source>
        <translation>%1 من أصل %2 حالة</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="513" />
        <source>%1 active (in progress, or new with an ongoing episode); %2 historical (ended, never handled)</source>
        <translation>%1 نشطة (قيد المعالجة، أو جديدة ونوبتها مستمرة)؛ %2 سابقة (انتهت ولم تُعالَج)</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="516" />
        <source>nothing moved since the last meeting</source>
        <translation>لم يتغير شيء منذ آخر اجتماع</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="519" />
        <source>nothing needs a decision now (%1 historical)</source>
        <translation>لا شيء يستدعي قرارًا الآن (%1 سابقة)</translation>
    </message>
</context>
<context>
    <name>Codes</name>
    <message>
        <location filename="../vocabulary.py" line="84" />
        <source>escalation</source>
        <extracomment>Display names of codes the rules, the detectors and the composite index use (the codes stay the data: item data of combo boxes, the CLI's output). A code not listed (a rule a team named itself) is shown as it is. Context "Codes": "monitor" the method is not "monitor" the outcome of a verification.</extracomment>
        <translation>تصعيد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="85" />
        <source>polarization</source>
        <translation>استقطاب</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="86" />
        <location filename="../vocabulary.py" line="89" />
        <source>fixed threshold</source>
        <translation>عتبة ثابتة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="90" />
        <source>percentile</source>
        <translation>المئين</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="91" />
        <source>robust z-score</source>
        <translation>الدرجة المعيارية المتينة</translation>
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
        <translation>اتجاه مان-كيندال</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="98" />
        <source>change point</source>
        <translation>نقطة التحول</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="99" />
        <source>baseline monitor</source>
        <translation>مراقبة خط الأساس</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="103" />
        <source>min–max (0 to 1)</source>
        <extracomment>The composite index's choices (workbench.models.composite): normalization and aggregation.</extracomment>
        <translation>الحد الأدنى–الأقصى (0 إلى 1)</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="104" />
        <source>z-score</source>
        <translation>الدرجة المعيارية</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="105" />
        <source>rank</source>
        <translation>الرتبة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="108" />
        <source>arithmetic mean</source>
        <translation>الوسط الحسابي</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="109" />
        <source>geometric mean</source>
        <translation>الوسط الهندسي</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../alert_detail.py" line="642" />
        <source>Correct the decision on alert #%1</source>
        <translation>تصحيح القرار بشأن التنبيه رقم %1</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="644" />
        <source>Corrected status</source>
        <translation>الوضع المصحح</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="651" />
        <source>Why the decision was wrong</source>
        <translation>لماذا كان القرار خاطئًا</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="652" />
        <source>Why the decision was wrong (required)</source>
        <translation>لماذا كان القرار خاطئًا (إلزامي)</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="657" />
        <source>The alert is %1 now. The history keeps the decision and this correction.</source>
        <translation>وضع التنبيه الآن: %1. يحتفظ السجل بالقرار وبهذا التصحيح.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="659" />
        <source>Should be</source>
        <translation>الوضع الصحيح</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="660" />
        <source>Dismissal reason</source>
        <translation>سبب الاستبعاد</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="661" />
        <source>Likelihood</source>
        <translation>الاحتمال</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="662" />
        <source>Consequence</source>
        <translation>العواقب</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="663" />
        <source>Outcome</source>
        <translation>الإجراء المتخذ</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="664" />
        <source>Why</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="697" />
        <source>Choose the status the alert should have.</source>
        <translation>اختر الوضع الذي يجب أن يكون عليه التنبيه.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="699" />
        <source>Choose why the alert is dismissed.</source>
        <translation>اختر سبب استبعاد التنبيه.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="702" />
        <source>Verifying records the risk assessment: choose the likelihood, the consequence and the outcome.</source>
        <translation>يسجل التحقق تقييم المخاطر: اختر الاحتمال والعواقب والإجراء المتخذ.</translation>
    </message>
    <message>
        <location filename="../alert_detail.py" line="705" />
        <source>Say why the decision was wrong.</source>
        <translation>اذكر لماذا كان القرار خاطئًا.</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../crash.py" line="57" />
        <source>Unexpected problem</source>
        <translation>مشكلة غير متوقعة</translation>
    </message>
    <message>
        <location filename="../crash.py" line="58" />
        <source>The workbench hit an unexpected problem and wrote a crash log.</source>
        <translation>واجه البرنامج مشكلة غير متوقعة وسجّل تقريرًا عن العطل.</translation>
    </message>
    <message>
        <location filename="../crash.py" line="61" />
        <source>Please send this file to whoever supports the workbench for your office:

%1

It lists only where in the program the problem happened: no indicator values, notes or file contents. Your project is safe, because every change is saved in one step; if anything looks wrong, close and reopen the workbench.</source>
        <translation>يرجى إرسال هذا الملف إلى الشخص المسؤول عن دعم البرنامج في مكتبكم:

%1

لا يتضمن الملف إلا موضع حدوث المشكلة في البرنامج: لا قيم للمؤشرات ولا ملاحظات ولا محتوى ملفات. مشروعكم في أمان، لأن كل تغيير يُحفظ في خطوة واحدة؛ وإذا بدا لكم أي خلل، أغلقوا البرنامج ثم أعيدوا فتحه.</translation>
    </message>
    <message>
        <location filename="../crash.py" line="69" />
        <source>Open log folder</source>
        <translation>فتح مجلد السجلات</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <location filename="../data_view.py" line="210" />
        <source>Region</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="211" />
        <source>Indicator</source>
        <translation>المؤشر</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="212" />
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="213" />
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="227" />
        <source>Observations</source>
        <translation>المشاهدات</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="241" />
        <source>Data completeness per district</source>
        <translation>اكتمال البيانات حسب المديرية</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="253" />
        <source>&lt;b&gt;Data completeness&lt;/b&gt; (share of expected months)</source>
        <translation>&lt;b&gt;اكتمال البيانات&lt;/b&gt; (نسبة الأشهر المتوقعة)</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="282" />
        <source>All regions</source>
        <translation>جميع المناطق</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="287" />
        <source>All indicators</source>
        <translation>جميع المؤشرات</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="316" />
        <source>Loading %1 observations…</source>
        <translation>جارٍ تحميل %1 مشاهدة…</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="327" />
        <source>%1 of %2 observations</source>
        <translation>%1 من أصل %2 مشاهدة</translation>
    </message>
</context>
<context>
    <name>Derived</name>
    <message>
        <location filename="../derived.py" line="27" />
        <source>%1: gap %2 – %3</source>
        <extracomment>How a derived series is named on screen (``%1`` the indicator's name; a gap's ``%2``, ``%3`` its two groups), in the language shown.</extracomment>
        <translation>%1: الفجوة %2 – %3</translation>
    </message>
    <message>
        <location filename="../derived.py" line="28" />
        <source>%1: spread between groups</source>
        <translation>%1: التشتت بين المجموعات</translation>
    </message>
    <message>
        <location filename="../derived.py" line="29" />
        <source>%1: polarization (Esteban-Ray)</source>
        <translation>%1: الاستقطاب (Esteban-Ray)</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../import_wizard.py" line="237" />
        <source>Choose the file</source>
        <translation>اختيار الملف</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="238" />
        <source>Excel (.xlsx .xlsm .xls), OpenDocument (.ods) or CSV. Nothing is written to the project until the last step.</source>
        <translation>ملف Excel ‏(.xlsx .xlsm .xls) أو OpenDocument ‏(.ods) أو CSV. لا يُكتب شيء في المشروع قبل الخطوة الأخيرة.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="241" />
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="244" />
        <source>All data sheets</source>
        <translation>جميع أوراق البيانات</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="247" />
        <source>Forget the saved mapping</source>
        <translation>إلغاء الربط المحفوظ</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="248" />
        <source>Read this file afresh and stop proposing the mapping saved last time</source>
        <translation>قراءة هذا الملف من جديد والتوقف عن اقتراح الربط المحفوظ في المرة السابقة</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="255" />
        <location filename="../import_wizard.py" line="257" />
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="256" />
        <location filename="../import_wizard.py" line="258" />
        <source>Sheet</source>
        <translation>الورقة</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="272" />
        <source>Spreadsheet to import</source>
        <translation>المصنف المراد استيراده</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="273" />
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>مصنفات (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="307" />
        <source>The mapping saved last time no longer fits this file (%1); the file was read afresh - check the layout on the next page, or forget the saved mapping.</source>
        <translation>لم يعد الربط المحفوظ في المرة السابقة يناسب هذا الملف (%1)؛ فقُرئ الملف من جديد — تحقق من البنية في الصفحة التالية، أو ألغِ الربط المحفوظ.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="311" />
        <source>Using the mapping saved last time for sheet(s) %1; change it on the next page, or forget it.</source>
        <translation>يُستخدم الربط المحفوظ في المرة السابقة للورقة أو الأوراق %1؛ غيّره في الصفحة التالية أو ألغِه.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="316" />
        <source>%1 rows kept</source>
        <translation>%1 صف مقبول</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../import_wizard.py" line="97" />
        <source>Import a spreadsheet</source>
        <translation>استيراد مصنف</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="176" />
        <source>Reading %1…</source>
        <translation>جارٍ قراءة %1…</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="179" />
        <source>Reading the file</source>
        <translation>جارٍ قراءة الملف</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="211" />
        <source>Forgetting the saved mapping</source>
        <translation>جارٍ إلغاء الربط المحفوظ</translation>
    </message>
</context>
<context>
    <name>ImportsView</name>
    <message>
        <location filename="../imports_view.py" line="48" />
        <source>Imports</source>
        <translation>عمليات الاستيراد</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="49" />
        <location filename="../imports_view.py" line="92" />
        <source>Select an import to see the rows it rejected.</source>
        <translation>اختر عملية استيراد لعرض الصفوف التي رفضتها.</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="51" />
        <source>Sheet</source>
        <translation>الورقة</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="51" />
        <source>Row</source>
        <translation>الصف</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="51" />
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="51" />
        <source>Cells</source>
        <translation>الخلايا</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="54" />
        <source>Rows rejected by the selected import</source>
        <translation>الصفوف التي رفضتها عملية الاستيراد المحددة</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="100" />
        <source>%1 rejected row(s)</source>
        <translation>عدد الصفوف المرفوضة: %1</translation>
    </message>
    <message>
        <location filename="../imports_view.py" line="101" />
        <source> (first %1 shown)</source>
        <translation> (يُعرض أول %1)</translation>
    </message>
</context>
<context>
    <name>IndexView</name>
    <message>
        <location filename="../index_view.py" line="87" />
        <location filename="../index_view.py" line="107" />
        <source>Normalisation</source>
        <translation>التوحيد القياسي</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="93" />
        <location filename="../index_view.py" line="108" />
        <source>Aggregation</source>
        <translation>التجميع</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="109" />
        <source>&lt;b&gt;Components and weights&lt;/b&gt;</source>
        <translation>&lt;b&gt;المكونات والأوزان&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="116" />
        <source>Rank</source>
        <translation>الترتيب</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="116" />
        <source>District</source>
        <translation>المديرية</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="116" />
        <source>Score</source>
        <translation>الدرجة</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="117" />
        <source>Rank 5–95 %</source>
        <translation>الترتيب 5–95 %</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="117" />
        <source>In top 5</source>
        <translation>ضمن الخمسة الأوائل</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="120" />
        <source>Ranking of the districts</source>
        <translation>ترتيب المديريات</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="125" />
        <source>Contribution of each component</source>
        <translation>مساهمة كل مكوّن</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="127" />
        <source>Contribution of each component (top %1)</source>
        <translation>مساهمة كل مكوّن (أول %1)</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="161" />
        <source>Waiting for the observations…</source>
        <translation>في انتظار المشاهدات…</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="162" />
        <location filename="../index_view.py" line="183" />
        <source>No data yet: import a spreadsheet (Ctrl+I).</source>
        <translation>لا توجد بيانات بعد: استورد مصنفًا (Ctrl+I).</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="189" />
        <source>Weight of %1</source>
        <translation>وزن %1</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="210" />
        <source>The index is computed when you open this tab.</source>
        <translation>يُحسب المؤشر المركّب عند فتح هذا التبويب.</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="225" />
        <source>Choose at least one component with a weight above zero.</source>
        <translation>اختر مكوّنًا واحدًا على الأقل بوزن أكبر من الصفر.</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="230" />
        <source>Computing…</source>
        <translation>جارٍ الحساب…</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="248" />
        <source>Computing the index</source>
        <translation>جارٍ حساب المؤشر المركّب</translation>
    </message>
    <message>
        <location filename="../index_view.py" line="256" />
        <source>%1 districts ranked at %2; weights: %3</source>
        <translation>رُتّبت %1 مديرية في %2؛ الأوزان: %3</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="97" />
        <location filename="../main_window.py" line="506" />
        <source>Cohesion Early-Warning Workbench</source>
        <extracomment>Short background work for what is on screen (a chart's lines): no progress bar flickering.</extracomment>
        <translation>منصة الإنذار المبكر للتماسك الاجتماعي</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="101" />
        <source>Regions</source>
        <translation>المناطق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="116" />
        <source>Alerts</source>
        <translation>التنبيهات</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="118" />
        <source>Series</source>
        <translation>السلاسل</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119" />
        <source>Heatmap</source>
        <translation>الخريطة الحرارية</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121" />
        <source>Map</source>
        <translation>الخريطة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123" />
        <source>Index</source>
        <translation>المؤشر المركّب</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="124" />
        <source>Data</source>
        <translation>البيانات</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="125" />
        <source>Imports</source>
        <translation>عمليات الاستيراد</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="133" />
        <source>Open a project (Ctrl+O), create one (Ctrl+N), or drop a spreadsheet here to import it.</source>
        <translation>افتح مشروعًا (Ctrl+O) أو أنشئ مشروعًا (Ctrl+N) أو أسقط مصنفًا هنا لاستيراده.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161" />
        <location filename="../main_window.py" line="440" />
        <source>No project</source>
        <translation>لا يوجد مشروع</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="169" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172" />
        <source>Open folder</source>
        <translation>فتح المجلد</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="194" />
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195" />
        <source>&amp;New project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196" />
        <source>&amp;Open project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197" />
        <source>Open &amp;recent</source>
        <translation>المشاريع الأ&amp;خيرة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200" />
        <source>&amp;Import spreadsheet…</source>
        <translation>ا&amp;ستيراد مصنف…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201" />
        <source>Import a partner or survey workbook into this project</source>
        <translation>استيراد مصنف من شريك أو من مسح إلى هذا المشروع</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204" />
        <source>Import district &amp;boundaries…</source>
        <translation>استيراد &amp;حدود المديريات…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="205" />
        <source>&amp;Export chart…</source>
        <translation>&amp;تصدير الرسم البياني…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="207" />
        <source>&amp;Run models</source>
        <translation>ت&amp;شغيل النماذج</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="208" />
        <source>Run every model and rule over the data and update the alerts</source>
        <translation>تشغيل جميع النماذج والقواعد على البيانات وتحديث التنبيهات</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="212" />
        <source>Write &amp;brief…</source>
        <translation>إعداد &amp;الموجز…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213" />
        <source>Write the meeting brief (Excel workbook or printable PDF), as `workbench report` does</source>
        <translation>إعداد موجز الاجتماع (مصنف Excel أو ملف PDF قابل للطباعة)، كما يفعل الأمر `workbench report`</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219" />
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="222" />
        <source>Tab %1</source>
        <translation>التبويب %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="229" />
        <source>Light theme</source>
        <translation>مظهر فاتح</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="229" />
        <source>Dark theme (projector)</source>
        <translation>مظهر داكن (جهاز العرض)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="236" />
        <source>Reload project</source>
        <translation>إعادة تحميل المشروع</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="237" />
        <source>Your name in the alert history…</source>
        <translation>اسمك في سجل التنبيهات…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="239" />
        <location filename="../tour.py" line="254" />
        <source>&amp;Help</source>
        <translation>&amp;مساعدة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240" />
        <source>&amp;About</source>
        <translation>&amp;حول البرنامج</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="247" />
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="251" />
        <source>System language</source>
        <translation>لغة النظام</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="266" />
        <source>The language changes the next time the workbench starts.</source>
        <translation>ستتغير اللغة عند تشغيل البرنامج في المرة القادمة.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="270" />
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271" />
        <source>Restart now</source>
        <translation>إعادة التشغيل الآن</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="272" />
        <source>Later</source>
        <translation>لاحقًا</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="326" />
        <source>Screens</source>
        <translation>الشاشات</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="327" />
        <source>Cancel the running task</source>
        <translation>إلغاء المهمة الجارية</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="328" />
        <source>Progress of the running task</source>
        <translation>تقدّم المهمة الجارية</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="373" />
        <source>Opening %1…</source>
        <translation>جارٍ فتح %1…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="374" />
        <source>Opening project</source>
        <translation>جارٍ فتح المشروع</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="381" />
        <location filename="../main_window.py" line="395" />
        <source>Refreshing</source>
        <translation>جارٍ التحديث</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="410" />
        <source>Refreshing alerts</source>
        <translation>جارٍ تحديث التنبيهات</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="443" />
        <source>Could not open the project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="465" />
        <source>Backup restored; the damaged file was kept as %1</source>
        <translation>استُعيدت النسخة الاحتياطية؛ واحتُفظ بالملف التالف باسم %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="468" />
        <source>Restoring the backup</source>
        <translation>جارٍ استعادة النسخة الاحتياطية</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="472" />
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="472" />
        <location filename="../main_window.py" line="490" />
        <source>Workbench project (*.wbproj)</source>
        <translation>مشروع البرنامج (*.wbproj)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="484" />
        <source>Could not create the project</source>
        <translation>تعذّر إنشاء المشروع</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="490" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="549" />
        <source>Loading models</source>
        <translation>جارٍ تحميل النماذج</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="553" />
        <source>Reading observations</source>
        <translation>جارٍ قراءة المشاهدات</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="560" />
        <source>Opening for writing</source>
        <translation>جارٍ الفتح للكتابة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="579" />
        <source>%1 series, %2 values</source>
        <translation>%1 سلسلة، %2 قيمة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="584" />
        <source>latest period %1</source>
        <translation>آخر فترة %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="587" />
        <source>last import %1</source>
        <translation>آخر استيراد %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="587" />
        <source>no imports yet</source>
        <translation>لا عمليات استيراد بعد</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="632" />
        <source>Running models</source>
        <translation>جارٍ تشغيل النماذج</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="636" />
        <source>Saving decision</source>
        <translation>جارٍ حفظ القرار</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="639" />
        <source>Saving note</source>
        <translation>جارٍ حفظ الملاحظة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="642" />
        <source>Snoozing</source>
        <translation>جارٍ التأجيل</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="660" />
        <source>Saving correction</source>
        <translation>حفظ التصحيح</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="680" />
        <source>Setting the meeting date</source>
        <translation>حفظ تاريخ الاجتماع</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="716" />
        <source>Closing</source>
        <translation>جارٍ الإغلاق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="726" />
        <source>Your name</source>
        <translation>اسمك</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="727" />
        <source>Name recorded with your decisions and notes:</source>
        <translation>الاسم الذي يُسجَّل مع قراراتك وملاحظاتك:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="735" />
        <source>Brief</source>
        <translation>الموجز</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="735" />
        <source>Open or create a project first (File → Open project).</source>
        <translation>افتح مشروعًا أو أنشئه أولًا (ملف ← فتح مشروع).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="758" />
        <source>Write brief</source>
        <translation>إعداد الموجز</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="764" />
        <source>Mark this brief as the meeting (moves the meeting marker)</source>
        <translation>اعتبار هذا الموجز موجز الاجتماع (ينقل علامة الاجتماع)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="767" />
        <source>Uncheck for a second brief of the same meeting (another language or format). A further brief written while nothing was decided or run since the last one covers the same meeting anyway.</source>
        <translation>ألغِ التحديد لموجز ثانٍ للاجتماع نفسه (لغة أو صيغة أخرى). الموجز الذي يُكتب دون أن يُتخذ أي قرار أو يُشغَّل أي نموذج منذ الموجز السابق يغطي الاجتماع نفسه على أي حال.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="786" />
        <source>Writing brief</source>
        <translation>جارٍ إعداد الموجز</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="788" />
        <source>Could not write the brief</source>
        <translation>تعذّر إعداد الموجز</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="796" />
        <source>Brief written to %1</source>
        <translation>حُفظ الموجز في %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="827" />
        <location filename="../main_window.py" line="830" />
        <source>Import</source>
        <translation>الاستيراد</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="827" />
        <source>The importer is not available in this build.</source>
        <translation>أداة الاستيراد غير متوفرة في هذا الإصدار.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="830" />
        <source>Open or create a project first (File → New project).</source>
        <translation>افتح مشروعًا أو أنشئه أولًا (ملف ← مشروع جديد).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="853" />
        <source>Reading rejected rows</source>
        <translation>جارٍ قراءة الصفوف المرفوضة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="859" />
        <source>District boundaries</source>
        <translation>حدود المديريات</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="859" />
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON ‏(*.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="871" />
        <source>Importing boundaries</source>
        <translation>جارٍ استيراد الحدود</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="873" />
        <source>%1 boundaries stored</source>
        <translation>تم حفظ %1 من الحدود</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="914" />
        <source>Something went wrong</source>
        <translation>حدث خطأ ما</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="974" />
        <source>About</source>
        <translation>حول البرنامج</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="975" />
        <source>Cohesion Early-Warning Workbench %1
Offline early warning for social-cohesion indicators.</source>
        <translation>منصة الإنذار المبكر للتماسك الاجتماعي %1
إنذار مبكر دون اتصال بالإنترنت لمؤشرات التماسك الاجتماعي.</translation>
    </message>
    <message>
        <location filename="../brief.py" line="31" />
        <source>Excel workbook (*.xlsx)</source>
        <extracomment>Save-dialog filters: the format comes from the extension, the paper from the PDF filter chosen.</extracomment>
        <translation>مصنف Excel ‏(*.xlsx)</translation>
    </message>
    <message>
        <location filename="../brief.py" line="32" />
        <source>PDF brief, A4 paper (*.pdf)</source>
        <translation>موجز PDF، ورق A4 ‏(*.pdf)</translation>
    </message>
    <message>
        <location filename="../brief.py" line="33" />
        <source>PDF brief, US Letter paper (*.pdf)</source>
        <translation>موجز PDF، ورق Letter الأمريكي (*.pdf)</translation>
    </message>
    <message>
        <location filename="../tour.py" line="259" />
        <source>Guided &amp;tour</source>
        <translation>&amp;جولة تعريفية</translation>
    </message>
    <message>
        <location filename="../tour.py" line="260" />
        <source>Show the short introduction to the screens again</source>
        <translation>عرض المقدمة القصيرة عن الشاشات مرة أخرى</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../import_wizard.py" line="340" />
        <source>Check the layout</source>
        <translation>التحقق من البنية</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="341" />
        <source>The importer's guess is filled in. Change a column if it is wrong and press Apply; the sample below shows the rows as they will be stored.</source>
        <translation>أُدرج ما اقترحته أداة الاستيراد. غيّر أي عمود إذا كان خاطئًا ثم اضغط «تطبيق»؛ تعرض العينة أدناه الصفوف كما ستُحفظ.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="362" />
        <source>One count per event type</source>
        <translation>عدّ منفصل لكل نوع من الأحداث</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="365" />
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="369" />
        <source>Layout</source>
        <translation>البنية</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="369" />
        <source>Header row</source>
        <translation>صف العناوين</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="371" />
        <source>Indicator (wide)</source>
        <translation>المؤشر (الصيغة العريضة)</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="371" />
        <source>Period format</source>
        <translation>صيغة الفترة</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="380" />
        <location filename="../import_wizard.py" line="399" />
        <source>Missing markers</source>
        <translation>رموز القيم المفقودة</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="383" />
        <source>Top rows of the sheet</source>
        <translation>الصفوف الأولى من الورقة</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="384" />
        <location filename="../import_wizard.py" line="411" />
        <source>Sample of canonical rows</source>
        <translation>عينة من الصفوف الموحّدة</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="404" />
        <location filename="../import_wizard.py" line="405" />
        <source>Events counted per</source>
        <translation>تُعدّ الأحداث حسب</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="419" />
        <source>Sheet &lt;b&gt;%1&lt;/b&gt;: %2 rows kept, %3 rejected</source>
        <translation>الورقة &lt;b&gt;%1&lt;/b&gt;: %2 صف مقبول، %3 مرفوض</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="447" />
        <source>Event table, aggregated:</source>
        <translation>جدول أحداث، مجمّع:</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="461" />
        <source>The importer is not sure of this reading. Check it, correct the columns below if needed, and press Apply to confirm it.</source>
        <translation>أداة الاستيراد غير متأكدة من هذه القراءة. تحقق منها وصحّح الأعمدة أدناه عند الحاجة، ثم اضغط «تطبيق» لتأكيدها.</translation>
    </message>
    <message numerus="yes">
        <location filename="../import_wizard.py" line="466" />
        <source>The columns are clear. %n name(s) that look like typos of the project's names are asked on the names page.</source>
        <translation>
            <numerusform>الأعمدة واضحة. يُسأل في صفحة الأسماء عن %n اسم يبدو خطأً إملائيًا في أسماء المشروع.</numerusform>
            <numerusform>الأعمدة واضحة. يُسأل في صفحة الأسماء عن اسم واحد يبدو خطأً إملائيًا في أسماء المشروع.</numerusform>
            <numerusform>الأعمدة واضحة. يُسأل في صفحة الأسماء عن اسمين يبدوان خطأين إملائيين في أسماء المشروع.</numerusform>
            <numerusform>الأعمدة واضحة. يُسأل في صفحة الأسماء عن %n أسماء تبدو أخطاء إملائية في أسماء المشروع.</numerusform>
            <numerusform>الأعمدة واضحة. يُسأل في صفحة الأسماء عن %n اسمًا تبدو أخطاء إملائية في أسماء المشروع.</numerusform>
            <numerusform>الأعمدة واضحة. يُسأل في صفحة الأسماء عن %n اسم يبدو خطأً إملائيًا في أسماء المشروع.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NameActions</name>
    <message>
        <location filename="../name_actions.py" line="42" />
        <source>Rename region “%1”…</source>
        <translation>إعادة تسمية المنطقة «%1»…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="44" />
        <source>Merge region “%1” into…</source>
        <translation>دمج المنطقة «%1» في…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="46" />
        <source>Delete region “%1”…</source>
        <translation>حذف المنطقة «%1»…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="52" />
        <source>Rename indicator “%1”…</source>
        <translation>إعادة تسمية المؤشر «%1»…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="53" />
        <source>Merge indicator “%1” into…</source>
        <translation>دمج المؤشر «%1» في…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="54" />
        <source>Delete indicator “%1”…</source>
        <translation>حذف المؤشر «%1»…</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="67" />
        <source>Rename</source>
        <translation>إعادة التسمية</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="67" />
        <source>New name for “%1”:</source>
        <translation>الاسم الجديد لـ«%1»:</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="79" />
        <source>Merge</source>
        <translation>الدمج</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="79" />
        <source>Merge “%1” into:</source>
        <translation>دمج «%1» في:</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="101" />
        <source>Delete</source>
        <translation>الحذف</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="101" />
        <source>Delete %1 “%2” and all its values? A backup of the project is kept.</source>
        <translation>هل تريد حذف %1 «%2» وجميع قيمها؟ يُحتفظ بنسخة احتياطية من المشروع.</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="124" />
        <source>Changing names</source>
        <translation>جارٍ تغيير الأسماء</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="130" />
        <source>Not changed</source>
        <translation>لم يتغير شيء</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="159" />
        <source>Values differ</source>
        <translation>القيم مختلفة</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="160" />
        <source>Keep the target's values</source>
        <translation>الاحتفاظ بقيم الهدف</translation>
    </message>
    <message>
        <location filename="../name_actions.py" line="161" />
        <source>Keep the merged one's values</source>
        <translation>الاحتفاظ بقيم العنصر المدموج</translation>
    </message>
</context>
<context>
    <name>NamesPage</name>
    <message>
        <location filename="../import_names_page.py" line="22" />
        <source>keep as a new name</source>
        <translation>الإبقاء عليه اسمًا جديدًا</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="29" />
        <source>Check the names</source>
        <translation>التحقق من الأسماء</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="30" />
        <source>Names that resemble a region or indicator the project already has are probably typos. Choose the existing name, or keep the name as new.</source>
        <translation>الأسماء التي تشبه منطقة أو مؤشرًا موجودًا في المشروع هي على الأرجح أخطاء إملائية. اختر الاسم الموجود، أو أبقِ الاسم جديدًا.</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="35" />
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="35" />
        <source>Name in the file</source>
        <translation>الاسم في الملف</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="35" />
        <source>Store as</source>
        <translation>الحفظ باسم</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="38" />
        <source>Names to confirm</source>
        <translation>أسماء بحاجة إلى تأكيد</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="55" />
        <source>region</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="55" />
        <source>indicator</source>
        <translation>المؤشر</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="58" />
        <source>Store %1 as</source>
        <translation>حفظ %1 باسم</translation>
    </message>
    <message numerus="yes">
        <location filename="../import_names_page.py" line="72" />
        <source>%n name(s) resemble names the project already has.</source>
        <translation>
            <numerusform>%n اسم يشبه أسماء موجودة في المشروع.</numerusform>
            <numerusform>اسم واحد يشبه اسمًا موجودًا في المشروع.</numerusform>
            <numerusform>اسمان يشبهان أسماء موجودة في المشروع.</numerusform>
            <numerusform>%n أسماء تشبه أسماء موجودة في المشروع.</numerusform>
            <numerusform>%n اسمًا تشبه أسماء موجودة في المشروع.</numerusform>
            <numerusform>%n اسم يشبه أسماء موجودة في المشروع.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="74" />
        <source>No name needs confirming.</source>
        <translation>لا يوجد اسم بحاجة إلى تأكيد.</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="76" />
        <source>New regions</source>
        <translation>مناطق جديدة</translation>
    </message>
    <message>
        <location filename="../import_names_page.py" line="76" />
        <source>New indicators</source>
        <translation>مؤشرات جديدة</translation>
    </message>
</context>
<context>
    <name>ObservationTableModel</name>
    <message>
        <location filename="../data_view.py" line="113" />
        <source>all</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../data_view.py" line="117" />
        <source>missing</source>
        <translation>مفقودة</translation>
    </message>
</context>
<context>
    <name>RegionTree</name>
    <message>
        <location filename="../region_tree.py" line="24" />
        <source>Region</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="24" />
        <location filename="../region_tree.py" line="36" />
        <source>Risk</source>
        <translation>الخطر</translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="24" />
        <location filename="../region_tree.py" line="37" />
        <source>Data</source>
        <translation>البيانات</translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="26" />
        <source>Regions</source>
        <translation>المناطق</translation>
    </message>
    <message>
        <location filename="../region_tree.py" line="66" />
        <source>share of expected monthly values present</source>
        <translation>نسبة القيم الشهرية المتوقعة المتوفرة</translation>
    </message>
    <message numerus="yes">
        <location filename="../region_tree.py" line="104" />
        <source>%n active alert(s), worst: </source>
        <translation>
            <numerusform>%n تنبيه نشط، أشدها: </numerusform>
            <numerusform>تنبيه نشط واحد، خطورته: </numerusform>
            <numerusform>تنبيهان نشطان، أشدهما: </numerusform>
            <numerusform>%n تنبيهات نشطة، أشدها: </numerusform>
            <numerusform>%n تنبيهًا نشطًا، أشدها: </numerusform>
            <numerusform>%n تنبيه نشط، أشدها: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../import_wizard.py" line="510" />
        <source>Validation report</source>
        <translation>تقرير التحقق</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="511" />
        <source>Rejected rows are not imported; they are kept with the import so they can be traced. Go back to change the mapping, or continue.</source>
        <translation>لا تُستورد الصفوف المرفوضة؛ بل يُحتفظ بها مع عملية الاستيراد لإمكان تتبعها. ارجع لتغيير الربط، أو تابع.</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="516" />
        <source>Row</source>
        <translation>الصف</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="516" />
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="516" />
        <source>Cells</source>
        <translation>الخلايا</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="519" />
        <source>Rejected rows</source>
        <translation>الصفوف المرفوضة</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="533" />
        <source>skipped (%1)</source>
        <translation>متجاهَلة (%1)</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="535" />
        <source>read %1, kept %2, rejected %3</source>
        <translation>مقروءة %1، مقبولة %2، مرفوضة %3</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="538" />
        <source>missing values %1</source>
        <translation>قيم مفقودة %1</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="540" />
        <source>%1 regions, %2 indicators, %3</source>
        <translation>%1 منطقة، %2 مؤشر، %3</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="543" />
        <source>aggregated: %1</source>
        <translation>مجمّع: %1</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="545" />
        <source>rejected: %1 (%2)</source>
        <translation>مرفوضة: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="549" />
        <source>suspicious values (kept, please check): %1</source>
        <translation>قيم مشكوك فيها (مقبولة، يرجى التحقق منها): %1</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="552" />
        <source>row %1: %2</source>
        <translation>الصف %1: %2</translation>
    </message>
</context>
<context>
    <name>RestoreOffer</name>
    <message>
        <location filename="../restore_offer.py" line="37" />
        <source>Damaged project</source>
        <translation>مشروع تالف</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="38" />
        <source>This project file is damaged and cannot be opened.</source>
        <translation>ملف المشروع هذا تالف ولا يمكن فتحه.</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="42" />
        <source>The last automatic backup is the project as it was before its last import, model run or merge, on %1. Restoring puts it in place and keeps the damaged file beside it as %2.damaged-DATE-TIME.</source>
        <translation>آخر نسخة احتياطية تلقائية هي المشروع كما كان قبل آخر عملية استيراد أو تشغيل للنماذج أو دمج، بتاريخ %1. تضعها الاستعادة في مكانه وتحتفظ بالملف التالف بجانبه باسم %2.damaged-DATE-TIME.</translation>
    </message>
    <message>
        <location filename="../restore_offer.py" line="47" />
        <source>Restore the backup from %1</source>
        <translation>استعادة النسخة الاحتياطية بتاريخ %1</translation>
    </message>
</context>
<context>
    <name>RiskHeatmap</name>
    <message>
        <location filename="../heatmap.py" line="84" />
        <source>Colour = strongest alert covering the month: </source>
        <translation>اللون = أقوى تنبيه يغطي الشهر: </translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="95" />
        <location filename="../heatmap.py" line="104" />
        <source>Months shown</source>
        <translation>الأشهر المعروضة</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="97" />
        <source>Last 6 months</source>
        <translation>آخر 6 أشهر</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="96" />
        <source>Last 3 months</source>
        <translation>آخر 3 أشهر</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="82" />
        <source>protracted</source>
        <extracomment>The spans the heatmap offers, in months (0: the whole history); 6 is the default (what rose recently, not where alerts were over the years), the choice kept in the user's settings. A protracted situation's cells: a muted slate, apart from the severities' warm colours. Longest district name on the heatmap's axis; a longer one is cut with "…" (the read-out under the map names the hovered district in full).</extracomment>
        <translation>مطوّلة</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="90" />
        <source>Protracted: a rise that became the series' new normal; it left the inbox, and is drawn apart so the heatmap does not show it as a risk to decide on</source>
        <translation>مطوّلة: ارتفاع أصبح الوضع الطبيعي الجديد للسلسلة؛ خرج من صندوق التنبيهات ويُرسم على حدة كي لا تعرضه الخريطة الحرارية كخطر يتطلب قرارًا</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="98" />
        <source>Last 12 months</source>
        <translation>آخر 12 شهرًا</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="99" />
        <source>Whole history</source>
        <translation>السجل كله</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="101" />
        <source>Recent months show where risk is rising now; the whole history shows where alerts were over the years</source>
        <translation>تُظهر الأشهر الأخيرة أين يرتفع الخطر الآن؛ ويُظهر السجل كله أين كانت التنبيهات على مر السنين</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="115" />
        <source>Risk heatmap: districts by month</source>
        <translation>الخريطة الحرارية للمخاطر: المديريات حسب الشهر</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="170" />
        <source>No data yet: import a spreadsheet (Ctrl+I).</source>
        <translation>لا توجد بيانات بعد: استورد مصنفًا (Ctrl+I).</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="222" />
        <source>alert #%1, a protracted situation (not in the inbox)</source>
        <translation>التنبيه رقم %1، حالة مطوّلة (خارج صندوق التنبيهات)</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="224" />
        <source>alert #%1, %2</source>
        <translation>التنبيه رقم %1، %2</translation>
    </message>
    <message>
        <location filename="../heatmap.py" line="226" />
        <source>no alert</source>
        <translation>لا تنبيه</translation>
    </message>
</context>
<context>
    <name>RiskMap</name>
    <message>
        <location filename="../map_view.py" line="97" />
        <source>Import district boundaries (GeoJSON)…</source>
        <translation>استيراد حدود المديريات (GeoJSON)…</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="81" />
        <location filename="../map_view.py" line="103" />
        <source>Colour by</source>
        <translation>التلوين حسب</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="79" />
        <source>Map of the districts</source>
        <extracomment>The map opens on where risk rose in the last months (alerts raised since then): the recent windows it offers (workbench.settings.MAP_MONTHS, the choice kept in the user's settings).</extracomment>
        <translation>خريطة المديريات</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="87" />
        <source>Last 3 months</source>
        <translation>آخر 3 أشهر</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="87" />
        <source>Last 6 months</source>
        <translation>آخر 6 أشهر</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="87" />
        <source>Last 12 months</source>
        <translation>آخر 12 شهرًا</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="91" />
        <location filename="../map_view.py" line="95" />
        <source>Recent window</source>
        <translation>الفترة الأخيرة</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="92" />
        <source>How far back "raised recently" reaches, in months of data: where risk is rising now (kept for next time)</source>
        <translation>إلى أي مدى تمتد «المُطلقة مؤخرًا» بأشهر البيانات: أين يرتفع الخطر الآن (يُحفظ للمرة القادمة)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="130" />
        <source>Alerts flagged recently</source>
        <translation>التنبيهات المرصودة مؤخرًا</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="132" />
        <source>Rising risk now: the worst alert still active or flagged in the recent window, whenever it started (the heatmap's cells over the same months); protracted situations are left out, as in the inbox</source>
        <translation>الخطر المتصاعد الآن: أشد تنبيه لا يزال نشطًا أو رُصد خلال الفترة الأخيرة، أيًا كان تاريخ بدايته (خانات الخريطة الحرارية على الأشهر نفسها)؛ تُستبعد الحالات المطوّلة كما في صندوق التنبيهات</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="252" />
        <source>worst alert active or flagged since %1: </source>
        <translation>أشد تنبيه نشط أو مرصود منذ %1: </translation>
    </message>
    <message>
        <location filename="../map_view.py" line="135" />
        <source>Active alert risk</source>
        <translation>خطر التنبيهات النشطة</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="137" />
        <source>Latest: %1</source>
        <translation>آخر قيمة: %1</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="141" />
        <source>No boundaries in this project yet. Import a GeoJSON file with one polygon per district (a 'name' or 'code' property) — it is stored in the project, so the map works offline.</source>
        <translation>لا توجد حدود في هذا المشروع بعد. استورد ملف GeoJSON فيه مضلّع لكل مديرية (بخاصية «name» أو «code») — يُحفظ الملف في المشروع، فتعمل الخريطة دون اتصال بالإنترنت.</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="160" />
        <source>%1 (not in this project)</source>
        <translation>%1 (غير موجودة في هذا المشروع)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="168" />
        <source>%1 boundaries do not match a district of this project.</source>
        <translation>%1 من الحدود لا تطابق أي مديرية في هذا المشروع.</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="254" />
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="259" />
        <source>worst active alert: </source>
        <translation>أشد تنبيه نشط: </translation>
    </message>
    <message>
        <location filename="../map_view.py" line="263" />
        <source>none now</source>
        <translation>لا شيء حاليًا</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="276" />
        <source>latest value: %1 (light) to %2 (dark red = worse)</source>
        <translation>آخر قيمة: من %1 (فاتح) إلى %2 (أحمر داكن = أسوأ)</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../import_wizard.py" line="578" />
        <source>Import</source>
        <translation>الاستيراد</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="579" />
        <source>Save this mapping for next month's file</source>
        <translation>حفظ هذا الربط لملف الشهر القادم</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="581" />
        <source>Import now</source>
        <translation>الاستيراد الآن</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="583" />
        <source>Cancel import</source>
        <translation>إلغاء الاستيراد</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="594" />
        <source>Import progress</source>
        <translation>تقدّم الاستيراد</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="622" />
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="633" />
        <source>Importing %1</source>
        <translation>جارٍ استيراد %1</translation>
    </message>
    <message>
        <location filename="../import_wizard.py" line="644" />
        <source>Cancelled; the project was not changed.</source>
        <translation>أُلغيت العملية؛ ولم يتغير المشروع.</translation>
    </message>
</context>
<context>
    <name>SeriesChart</name>
    <message>
        <location filename="../chart.py" line="280" />
        <source>baseline</source>
        <translation>خط الأساس</translation>
    </message>
    <message>
        <location filename="../chart.py" line="281" />
        <source>threshold</source>
        <translation>العتبة</translation>
    </message>
    <message>
        <location filename="../chart.py" line="285" />
        <source>forecast</source>
        <translation>التوقع</translation>
    </message>
    <message>
        <location filename="../chart.py" line="278" />
        <source>value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../chart.py" line="60" />
        <source>Chart of the series</source>
        <extracomment>Characters of a note written on the chart (the whole note is its tooltip and in the History tab). ``ui.theme.restyle_plots`` calls :meth:`apply_theme` after a theme switch.</extracomment>
        <translation>الرسم البياني للسلسلة</translation>
    </message>
    <message>
        <location filename="../chart.py" line="64" />
        <source>Value under the mouse</source>
        <translation>القيمة تحت المؤشر</translation>
    </message>
    <message>
        <location filename="../chart.py" line="279" />
        <source>normal range</source>
        <translation>النطاق المعتاد</translation>
    </message>
    <message>
        <location filename="../chart.py" line="282" />
        <source>codebook threshold</source>
        <translation>عتبة دليل المؤشرات</translation>
    </message>
    <message>
        <location filename="../chart.py" line="283" />
        <source>flagged</source>
        <translation>فترة مرصودة</translation>
    </message>
    <message>
        <location filename="../chart.py" line="284" />
        <source>alert</source>
        <translation>تنبيه</translation>
    </message>
    <message>
        <location filename="../chart.py" line="299" />
        <source>baseline and threshold: loading the models…</source>
        <translation>خط الأساس والعتبة: جارٍ تحميل النماذج…</translation>
    </message>
    <message>
        <location filename="../chart.py" line="303" />
        <source>Normal range: the baseline ± 2 spreads of the rule's method (the monitor: frozen while an alert is open).
Threshold: the value one period alone needs to open an alert under the rule named in brackets; several raised periods together (EWMA) can open one below it.
Hover a flagged period for why it was flagged, an alert triangle for its explanation.</source>
        <translation>النطاق المعتاد: خط الأساس ± انحرافان وفق أسلوب القاعدة (في أسلوب الرصد يبقى ثابتًا ما دام التنبيه مفتوحًا).
العتبة: القيمة التي تحتاجها فترة واحدة وحدها لفتح تنبيه وفق القاعدة المذكورة بين القوسين؛ وقد تفتح عدة فترات مرتفعة معًا (EWMA) تنبيهًا دونها.
مرّر المؤشر فوق فترة مرصودة لمعرفة سبب رصدها، وفوق مثلث التنبيه لقراءة شرحه.</translation>
    </message>
    <message>
        <location filename="../chart.py" line="326" />
        <source>missing</source>
        <translation>مفقودة</translation>
    </message>
    <message>
        <location filename="../chart.py" line="327" />
        <source>value %1</source>
        <translation>القيمة %1</translation>
    </message>
    <message>
        <location filename="../chart.py" line="329" />
        <source>baseline %1</source>
        <translation>خط الأساس %1</translation>
    </message>
    <message>
        <location filename="../chart.py" line="329" />
        <source>threshold %1</source>
        <translation>العتبة %1</translation>
    </message>
</context>
<context>
    <name>SeriesOverlay</name>
    <message>
        <location filename="../overlay.py" line="212" />
        <source>one in a million or rarer</source>
        <translation>مرة في المليون أو أندر</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="213" />
        <source>one in %1</source>
        <translation>مرة في كل %1</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="214" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="215" />
        <source>normal about %1 (± %2)</source>
        <translation>المعتاد نحو %1 (± %2)</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="202" />
        <source>opened the alert: this period alone was rarer than %1</source>
        <extracomment>What a flagged period did, by :data:`alerts.overlay.REASONS` (``%1``: how rare, how far, or the method).</extracomment>
        <translation>فتحت التنبيه: كانت هذه الفترة وحدها أندر من %1</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="203" />
        <source>opened the alert: the recent periods together (EWMA) passed the limit</source>
        <translation>فتحت التنبيه: تجاوزت الفترات الأخيرة مجتمعةً (EWMA) الحد</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="205" />
        <source>kept the alert open: rarer than %1 on its own</source>
        <translation>أبقت التنبيه مفتوحًا: أندر من %1 وحدها</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="207" />
        <source>kept the alert open: the recent periods together (EWMA) are still past the limit</source>
        <translation>أبقت التنبيه مفتوحًا: لا تزال الفترات الأخيرة مجتمعةً (EWMA) تتجاوز الحد</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="209" />
        <source>kept the alert open: still %1 spreads above normal</source>
        <translation>أبقت التنبيه مفتوحًا: لا تزال أعلى من المعتاد بمقدار %1 انحراف</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="210" />
        <source>flagged by %1</source>
        <translation>رصدها %1</translation>
    </message>
    <message>
        <location filename="../overlay.py" line="216" />
        <source>past the codebook threshold %1</source>
        <translation>تجاوزت عتبة دليل المؤشرات %1</translation>
    </message>
</context>
<context>
    <name>SeriesView</name>
    <message>
        <location filename="../series_view.py" line="49" />
        <source>Series of the region</source>
        <translation>سلاسل المنطقة</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="52" />
        <source>Keep for comparison</source>
        <translation>الإبقاء للمقارنة</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="53" />
        <source>Keep this series on the chart while you look at other regions</source>
        <translation>إبقاء هذه السلسلة على الرسم البياني أثناء استعراض مناطق أخرى</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="54" />
        <source>Clear comparison</source>
        <translation>مسح المقارنة</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="55" />
        <source>Export chart…</source>
        <translation>تصدير الرسم البياني…</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="64" />
        <source>Ctrl+click to compare indicators</source>
        <translation>انقر مع الضغط على Ctrl لمقارنة المؤشرات</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="97" />
        <source>&lt;b&gt;No data yet.&lt;/b&gt;&lt;br&gt;Import a spreadsheet (File → Import, Ctrl+I) or drop it on this window.</source>
        <translation>&lt;b&gt;لا توجد بيانات بعد.&lt;/b&gt;&lt;br&gt;استورد مصنفًا (ملف ← استيراد، Ctrl+I) أو أسقطه على هذه النافذة.</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="135" />
        <source>No data for this region yet.</source>
        <translation>لا توجد بيانات لهذه المنطقة بعد.</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="217" />
        <source>Forecasting</source>
        <translation>جارٍ التوقع</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="276" />
        <source>Export chart</source>
        <translation>تصدير الرسم البياني</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="276" />
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>صورة PNG ‏(*.png);;رسم SVG ‏(*.svg)</translation>
    </message>
    <message>
        <location filename="../series_view.py" line="286" />
        <source>Could not export the chart</source>
        <translation>تعذّر تصدير الرسم البياني</translation>
    </message>
</context>
<context>
    <name>SituationTableModel</name>
    <message>
        <location filename="../alerts_inbox.py" line="249" />
        <source>The status of each of this situation's %1 alert(s), the status to act on first: %2</source>
        <translation>وضع كل تنبيه من تنبيهات هذه الحالة (عددها %1)، بدءًا بالوضع الذي يتطلب إجراءً أولًا: %2</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="255" />
        <source>flagged from %1 to %2</source>
        <translation>مرصودة من %1 إلى %2</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="258" />
        <source>last flagged period: %1; raised %2 ago</source>
        <translation>آخر فترة مرصودة: %1؛ أُطلق منذ %2</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <location filename="../tour.py" line="55" />
        <source>Welcome</source>
        <translation>مرحبًا</translation>
    </message>
    <message>
        <location filename="../tour.py" line="56" />
        <source>This is your own copy of the sample project: invented monthly indicators for the 60 districts of the Republic of Meridia. Try anything here (import, run the models, work the alerts); it never touches your real data. The next pages show the four screens you will use most.</source>
        <translation>هذه نسختك الخاصة من المشروع التجريبي: مؤشرات شهرية مفترضة لمديريات جمهورية ميريديا الستين. جرّب فيها ما تشاء (الاستيراد، تشغيل النماذج، معالجة التنبيهات)؛ فهي لا تمس بياناتك الحقيقية أبدًا. تعرض الصفحات التالية الشاشات الأربع التي ستستخدمها أكثر من غيرها.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="63" />
        <source>Regions</source>
        <translation>المناطق</translation>
    </message>
    <message>
        <location filename="../tour.py" line="64" />
        <source>Provinces and their districts. The badge counts the active alerts and its colour is the most severe of them (no badge: nothing needs a decision there now); the bar shows how complete each district's data is. Click a district to see its series.</source>
        <translation>المحافظات ومديرياتها. تبيّن الشارة عدد التنبيهات النشطة ويدل لونها على أشدها خطورة (لا شارة: لا شيء يستدعي قرارًا هناك الآن)؛ ويبيّن عمود البيانات مدى اكتمال بيانات كل مديرية. انقر على مديرية لعرض سلاسلها.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="70" />
        <source>Alerts inbox</source>
        <translation>صندوق التنبيهات</translation>
    </message>
    <message>
        <location filename="../tour.py" line="71" />
        <source>Active situations, most severe first: alerts in progress and new ones whose episode is still ongoing ('Historical' in the filter lists episodes that ended long ago). Select one to read why it fired (the method, the value, the baseline and the threshold), then acknowledge, verify, escalate, dismiss with a reason or close it. Every decision is kept with who made it and when.</source>
        <translation>الحالات النشطة، الأشد خطورة أولًا: التنبيهات قيد المعالجة والتنبيهات الجديدة التي لا تزال نوبتها مستمرة (يعرض خيار «السابقة» في المرشّح النوبات التي انتهت منذ وقت طويل). اختر حالة لتقرأ سبب إطلاقها (الأسلوب والقيمة وخط الأساس والعتبة)، ثم أكّد الاطلاع عليها أو تحقّق منها أو صعّدها أو استبعدها مع ذكر السبب أو أغلقها. يُحفظ كل قرار مع اسم صاحبه وتاريخه.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="80" />
        <source>Series chart</source>
        <translation>الرسم البياني للسلاسل</translation>
    </message>
    <message>
        <location filename="../tour.py" line="81" />
        <source>One indicator in one district over time: its baseline, thresholds, alert markers and forecast band. Drag to pan, scroll to zoom; File → Export chart saves a picture.</source>
        <translation>مؤشر واحد في مديرية واحدة عبر الزمن: خط الأساس والعتبات وعلامات التنبيه ونطاق التوقع. اسحب للتنقل ومرّر العجلة للتكبير؛ ويحفظ الأمر ملف ← تصدير الرسم البياني صورةً منه.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="87" />
        <source>Import your own file</source>
        <translation>استيراد ملفك الخاص</translation>
    </message>
    <message>
        <location filename="../tour.py" line="88" />
        <source>Start your own project with File → New project, then File → Import spreadsheet (Ctrl+I), or drop an .xlsx, .xls, .ods or .csv file on this window. The wizard shows what it recognised and which rows it rejected and why; fix the mapping once and it is reused next month. Then File → Run models (Ctrl+R) raises the alerts.</source>
        <translation>ابدأ مشروعك الخاص من ملف ← مشروع جديد، ثم ملف ← استيراد مصنف (Ctrl+I)، أو أسقط ملفًا بصيغة ‎.xlsx أو ‎.xls أو ‎.ods أو ‎.csv على هذه النافذة. يعرض المعالج ما تعرّف عليه والصفوف التي رفضها وسبب رفضها؛ صحّح الربط مرة واحدة فيُعاد استخدامه في الشهر التالي. ثم يطلق الأمر ملف ← تشغيل النماذج (Ctrl+R) التنبيهات.</translation>
    </message>
    <message>
        <location filename="../tour.py" line="95" />
        <source>That's it</source>
        <translation>هذا كل شيء</translation>
    </message>
    <message>
        <location filename="../tour.py" line="96" />
        <source>Help → Guided tour shows these pages again at any time.</source>
        <translation>يعرض الأمر مساعدة ← جولة تعريفية هذه الصفحات مرة أخرى في أي وقت.</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <location filename="../tour.py" line="155" />
        <source>Guided tour</source>
        <translation>جولة تعريفية</translation>
    </message>
    <message>
        <location filename="../tour.py" line="165" />
        <source>Back</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../tour.py" line="166" />
        <location filename="../tour.py" line="195" />
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../tour.py" line="168" />
        <source>Close tour</source>
        <translation>إغلاق الجولة</translation>
    </message>
    <message>
        <location filename="../tour.py" line="192" />
        <source>%1 of %2</source>
        <translation>%1 من %2</translation>
    </message>
    <message>
        <location filename="../tour.py" line="195" />
        <source>Done</source>
        <translation>تم</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="../vocabulary.py" line="17" />
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="17" />
        <source>acknowledged</source>
        <translation>تم الاطلاع</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="18" />
        <source>verified</source>
        <translation>تم التحقق</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="18" />
        <source>escalated</source>
        <translation>تم التصعيد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="19" />
        <source>closed</source>
        <translation>مغلق</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="19" />
        <source>dismissed</source>
        <translation>مستبعد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="20" />
        <source>withdrawn</source>
        <translation>مسحوب</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="21" />
        <source>low</source>
        <translation>منخفض</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="21" />
        <source>medium</source>
        <translation>متوسط</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="22" />
        <source>high</source>
        <translation>مرتفع</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="24" />
        <source>false alarm</source>
        <translation>إنذار كاذب</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="24" />
        <source>data error</source>
        <translation>خطأ في البيانات</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="25" />
        <source>known cause</source>
        <translation>سبب معروف</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="26" />
        <source>respond</source>
        <translation>الاستجابة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="26" />
        <source>monitor</source>
        <translation>المتابعة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="27" />
        <source>discard</source>
        <translation>الاستبعاد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="28" />
        <source>very unlikely</source>
        <translation>مستبعد جدًا</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="28" />
        <source>unlikely</source>
        <translation>غير مرجّح</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="29" />
        <source>likely</source>
        <translation>مرجّح</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="29" />
        <source>highly likely</source>
        <translation>مرجّح جدًا</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="30" />
        <source>almost certain</source>
        <translation>شبه مؤكد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="31" />
        <source>minimal</source>
        <translation>ضئيلة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="31" />
        <source>minor</source>
        <translation>طفيفة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="32" />
        <source>moderate</source>
        <translation>متوسطة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="32" />
        <source>major</source>
        <translation>كبيرة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="33" />
        <source>severe</source>
        <translation>جسيمة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="35" />
        <source>Acknowledge</source>
        <translation>تأكيد الاطلاع</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="35" />
        <source>Verify</source>
        <translation>تحقّق</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="36" />
        <source>Escalate</source>
        <translation>تصعيد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="36" />
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="37" />
        <source>Dismiss</source>
        <translation>استبعاد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="37" />
        <source>Reopen</source>
        <translation>إعادة فتح</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="39" />
        <source>run</source>
        <translation>تشغيل</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="39" />
        <source>note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="40" />
        <source>transition</source>
        <translation>تغيير الوضع</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="42" />
        <source>country</source>
        <translation>البلد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="42" />
        <source>province</source>
        <translation>المحافظة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="43" />
        <source>district</source>
        <translation>المديرية</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="43" />
        <source>other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="45" />
        <source>region</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="45" />
        <source>indicator</source>
        <translation>المؤشر</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="47" />
        <source>data</source>
        <translation>بيانات</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="47" />
        <source>codebook</source>
        <translation>دليل المؤشرات</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="48" />
        <source>cover</source>
        <translation>صفحة غلاف</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="48" />
        <source>empty</source>
        <translation>فارغة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="49" />
        <source>unrecognized</source>
        <translation>غير معروفة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="51" />
        <source>Region</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="51" />
        <source>Province</source>
        <translation>المحافظة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="52" />
        <source>Country</source>
        <translation>البلد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="52" />
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="53" />
        <source>Indicator</source>
        <translation>المؤشر</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="53" />
        <source>Period</source>
        <translation>الفترة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="54" />
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="54" />
        <source>Group</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="55" />
        <source>Unit</source>
        <translation>الوحدة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="57" />
        <source>Severity</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="57" />
        <source>Status</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="58" />
        <source>Indicators</source>
        <translation>المؤشرات</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="58" />
        <source>Alerts</source>
        <translation>التنبيهات</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="59" />
        <source>Since</source>
        <translation>منذ</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="59" />
        <source>Ended</source>
        <translation>الانتهاء</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="60" />
        <source>Score</source>
        <translation>الدرجة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="60" />
        <source>District</source>
        <translation>المديرية</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="61" />
        <source>Complete</source>
        <translation>الاكتمال</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="61" />
        <source>Values</source>
        <translation>القيم</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="62" />
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="62" />
        <source>Sheet</source>
        <translation>الورقة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="63" />
        <source>Imported at</source>
        <translation>تاريخ الاستيراد</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="63" />
        <source>Rows read</source>
        <translation>الصفوف المقروءة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="64" />
        <source>Kept</source>
        <translation>المقبولة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="64" />
        <source>Rejected</source>
        <translation>المرفوضة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="65" />
        <source>New values</source>
        <translation>القيم الجديدة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="65" />
        <source>Revised</source>
        <translation>المعدّلة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="67" />
        <source>ongoing</source>
        <translation>مستمرة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="67" />
        <source>ended</source>
        <translation>انتهت</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="68" />
        <source>this month</source>
        <translation>هذا الشهر</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="68" />
        <source>%1 mo ago</source>
        <translation>منذ %1 شهر</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="69" />
        <source>%1 y ago</source>
        <translation>منذ %1 سنة</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="69" />
        <source>today</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="70" />
        <source>%1 d</source>
        <translation>%1 يوم</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="70" />
        <source>%1 mo</source>
        <translation>%1 شهر</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="73" />
        <source>changed</source>
        <translation>تغير</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="73" />
        <source>overdue</source>
        <translation>متأخر</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="74" />
        <source>Why</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../vocabulary.py" line="74" />
        <source>correction</source>
        <translation>تصحيح</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="103" />
        <source>new: raised since the last meeting, still active</source>
        <translation>جديد: أُطلق منذ آخر اجتماع ولا يزال نشطًا</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="104" />
        <source>escalated: escalated or more severe since the meeting</source>
        <translation>تم التصعيد: صُعّد أو صار أشد خطورة منذ الاجتماع</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="105" />
        <source>changed: decided on, corrected, or its episode went on</source>
        <translation>تغير: اتُّخذ بشأنه قرار أو تصحيح، أو امتدت نوبته</translation>
    </message>
    <message>
        <location filename="../alerts_inbox.py" line="106" />
        <source>overdue: active and still not verified after a week</source>
        <translation>متأخر: نشط ولم يُتحقق منه بعد أسبوع</translation>
    </message>
</context>
</TS>