"""Fill the catalogues' unfinished entries from TRANSLATIONS below (issue 17, items 1-3), then
run ``pyside6-lrelease``. Kept as a script so the words are reviewed in one place:

    .venv/bin/pyside6-lupdate ui/*.py -no-obsolete -ts ui/translations/workbench_fr.ts ui/translations/workbench_ar.ts
    .venv/bin/python scripts/fill_translations.py
    .venv/bin/pyside6-lrelease ui/translations/workbench_fr.ts ui/translations/workbench_ar.ts

An entry already translated is left alone; one missing here is reported (and stays unfinished,
which tests/test_ui_translations.py refuses).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: source -> (French, Arabic)
TRANSLATIONS: dict[str, tuple[str, str]] = {
    "Apply to the whole situation (asks first)": ("Appliquer à toute la situation (avec confirmation)",
                                                  "تطبيق على الحالة كلها (بعد التأكيد)"),
    "Correct…": ("Corriger…", "تصحيح…"),
    "Correct the latest decision on this alert (the history keeps both)": (
        "Corriger la dernière décision sur cette alerte (l’historique garde les deux)",
        "تصحيح آخر قرار بشأن هذا التنبيه (يحتفظ السجل بالاثنين)"),
    "Decide for %1 alerts?": ("Décider pour %1 alertes ?", "اتخاذ القرار لـ %1 تنبيهات؟"),
    "This decision will change these %1 alerts:": ("Cette décision modifiera ces %1 alertes :",
                                                   "سيغير هذا القرار التنبيهات الـ %1 التالية:"),
    "Change %1 alerts": ("Modifier %1 alertes", "تغيير %1 تنبيهات"),
    "Choose why the alert is dismissed.": ("Choisissez pourquoi l’alerte est rejetée.",
                                           "اختر سبب استبعاد التنبيه."),
    "Verifying records the risk assessment: choose the likelihood, the consequence and the outcome.": (
        "La vérification enregistre l’évaluation des risques : choisissez la probabilité, les conséquences "
        "et la suite donnée.",
        "يسجل التحقق تقييم المخاطر: اختر الاحتمال والعواقب والإجراء المتخذ."),
    "note": ("note", "ملاحظة"),
    "snoozed until %1": ("en veille jusqu’à %1", "مؤجل حتى %1"),
    "choose…": ("choisir…", "اختر…"),
    "Set meeting date…": ("Date de la réunion…", "تاريخ الاجتماع…"),
    "The date of the last meeting, shared with everyone working on this project (writing a brief sets it too)": (
        "La date de la dernière réunion, partagée avec toute l’équipe du projet (rédiger une note de synthèse "
        "la fixe aussi)",
        "تاريخ آخر اجتماع، مشترك مع كل من يعمل على هذا المشروع (كتابة الموجز تحدده أيضًا)"),
    "Show every region again": ("Afficher à nouveau toutes les régions", "إظهار كل المناطق مجددًا"),
    "No meeting recorded yet: showing the last 7 days": (
        "Aucune réunion enregistrée : les 7 derniers jours sont affichés",
        "لم يُسجل أي اجتماع بعد: تُعرض آخر 7 أيام"),
    "Last meeting: %1 (brief written by %2)": ("Dernière réunion : %1 (note de synthèse rédigée par %2)",
                                               "آخر اجتماع: %1 (كتب الموجز %2)"),
    "Last meeting: %1 (set by %2)": ("Dernière réunion : %1 (fixée par %2)", "آخر اجتماع: %1 (حدده %2)"),
    "Date of the last meeting": ("Date de la dernière réunion", "تاريخ آخر اجتماع"),
    "The inbox will show what moved since this date, for everyone working on this project.": (
        "La boîte de réception montrera ce qui a bougé depuis cette date, pour toute l’équipe du projet.",
        "سيعرض صندوق التنبيهات ما تغير منذ هذا التاريخ، لكل من يعمل على هذا المشروع."),
    "%1 ✕": ("%1 ✕", "%1 ✕"),
    "Showing %1 only: show every region": ("Seulement %1 : afficher toutes les régions",
                                          "يُعرض %1 فقط: إظهار كل المناطق"),
    "Since the last meeting": ("Depuis la dernière réunion", "منذ آخر اجتماع"),
    "New, escalated, changed or overdue since the last meeting (the Why column says which)": (
        "Nouvelles, escaladées, modifiées ou en retard depuis la dernière réunion (la colonne Pourquoi "
        "dit laquelle)",
        "الجديدة أو المصعّدة أو المتغيرة أو المتأخرة منذ آخر اجتماع (يبين عمود السبب أيها)"),
    "nothing moved since the last meeting": ("rien n’a bougé depuis la dernière réunion",
                                             "لم يتغير شيء منذ آخر اجتماع"),
    "Correct the decision on alert #%1": ("Corriger la décision sur l’alerte n° %1", "تصحيح القرار بشأن التنبيه رقم %1"),
    "Corrected status": ("Statut corrigé", "الوضع المصحح"),
    "Why the decision was wrong": ("Pourquoi la décision était erronée", "لماذا كان القرار خاطئًا"),
    "Why the decision was wrong (required)": ("Pourquoi la décision était erronée (obligatoire)",
                                              "لماذا كان القرار خاطئًا (إلزامي)"),
    "The alert is %1 now. The history keeps the decision and this correction.": (
        "L’alerte est actuellement : %1. L’historique garde la décision et cette correction.",
        "وضع التنبيه الآن: %1. يحتفظ السجل بالقرار وبهذا التصحيح."),
    "Should be": ("Devrait être", "الوضع الصحيح"),
    "Dismissal reason": ("Motif du rejet", "سبب الاستبعاد"),
    "Likelihood": ("Probabilité", "الاحتمال"),
    "Consequence": ("Conséquences", "العواقب"),
    "Outcome": ("Suite donnée", "الإجراء المتخذ"),
    "Why": ("Pourquoi", "السبب"),
    "Choose the status the alert should have.": ("Choisissez le statut que l’alerte devrait avoir.",
                                                 "اختر الوضع الذي يجب أن يكون عليه التنبيه."),
    "Say why the decision was wrong.": ("Dites pourquoi la décision était erronée.", "اذكر لماذا كان القرار خاطئًا."),
    "Saving correction": ("Enregistrement de la correction", "حفظ التصحيح"),
    "Setting the meeting date": ("Enregistrement de la date de réunion", "حفظ تاريخ الاجتماع"),
    "changed": ("modifiée", "تغير"),
    "overdue": ("en retard", "متأخر"),
    "correction": ("correction", "تصحيح"),
    "new: raised since the last meeting, still active": (
        "nouvelle : levée depuis la dernière réunion, toujours active",
        "جديد: أُطلق منذ آخر اجتماع ولا يزال نشطًا"),
    "escalated: escalated or more severe since the meeting": (
        "escaladée : escaladée ou plus grave depuis la réunion",
        "تم التصعيد: صُعّد أو صار أشد خطورة منذ الاجتماع"),
    "changed: decided on, corrected, or its episode went on": (
        "modifiée : une décision, une correction, ou son épisode s’est prolongé",
        "تغير: اتُّخذ بشأنه قرار أو تصحيح، أو امتدت نوبته"),
    "overdue: active and still not verified after a week": (
        "en retard : active et toujours pas vérifiée après une semaine",
        "متأخر: نشط ولم يُتحقق منه بعد أسبوع"),
    "Months shown": ("Mois affichés", "الأشهر المعروضة"),
    "Last 6 months": ("6 derniers mois", "آخر 6 أشهر"),
    "Last 3 months": ("3 derniers mois", "آخر 3 أشهر"),
    "Last 12 months": ("12 derniers mois", "آخر 12 شهرًا"),
    "Whole history": ("Tout l’historique", "السجل كله"),
    "Recent months show where risk is rising now; the whole history shows where alerts were over the years": (
        "Les derniers mois montrent où le risque monte maintenant ; tout l’historique montre où les alertes "
        "ont été au fil des ans",
        "تُظهر الأشهر الأخيرة أين يرتفع الخطر الآن؛ ويُظهر السجل كله أين كانت التنبيهات على مر السنين"),
    "Alerts raised in the last 6 months": ("Alertes levées ces 6 derniers mois", "التنبيهات المُطلقة في آخر 6 أشهر"),
    "none": ("aucune", "لا شيء"),
    "not active (episode ended %1)": ("inactive (épisode terminé en %1)", "غير نشط (انتهت النوبة في %1)"),
    # the map's recent window (3, 6 or 12 months) and the inbox's Status column
    "Recent window": ("Période récente", "الفترة الأخيرة"),
    "How far back \"raised recently\" reaches, in months of data: where risk is rising now (kept for next time)": (
        "Jusqu’où remonte « levées récemment », en mois de données : où le risque monte maintenant "
        "(gardé pour la prochaine fois)",
        "إلى أي مدى تمتد «المُطلقة مؤخرًا» بأشهر البيانات: أين يرتفع الخطر الآن (يُحفظ للمرة القادمة)"),
    "The status of each of this situation's %1 alert(s), the status to act on first: %2": (
        "Le statut de chacune des %1 alerte(s) de cette situation, celui à traiter d’abord en premier : %2",
        "وضع كل تنبيه من تنبيهات هذه الحالة (عددها %1)، بدءًا بالوضع الذي يتطلب إجراءً أولًا: %2"),
    # Display names of the rules', detectors' and index's codes (ui.vocabulary, context "Codes")
    "escalation": ("escalade", "تصعيد"),
    "polarization": ("polarisation", "استقطاب"),
    "fixed threshold": ("seuil fixe", "عتبة ثابتة"),
    "percentile": ("centile", "المئين"),
    "robust z-score": ("score z robuste", "الدرجة المعيارية المتينة"),
    "EARS C1": ("EARS C1", "EARS C1"),
    "EARS C2": ("EARS C2", "EARS C2"),
    "EARS C3": ("EARS C3", "EARS C3"),
    "EWMA": ("EWMA", "EWMA"),
    "CUSUM": ("CUSUM", "CUSUM"),
    "Mann-Kendall trend": ("tendance de Mann-Kendall", "اتجاه مان-كيندال"),
    "change point": ("point de rupture", "نقطة التحول"),
    "baseline monitor": ("suivi de la référence", "مراقبة خط الأساس"),
    "min–max (0 to 1)": ("min–max (0 à 1)", "الحد الأدنى–الأقصى (0 إلى 1)"),
    "z-score": ("score z", "الدرجة المعيارية"),
    "rank": ("rang", "الرتبة"),
    "arithmetic mean": ("moyenne arithmétique", "الوسط الحسابي"),
    "geometric mean": ("moyenne géométrique", "الوسط الهندسي"),
    # Rising risk now: the map and the heatmap (alerts.views.recent_alerts; protracted drawn apart)
    "protracted": ("prolongée", "مطوّلة"),
    "Alerts flagged recently": ("Alertes signalées récemment", "التنبيهات المرصودة مؤخرًا"),
    "worst alert active or flagged since %1: ": ("pire alerte active ou signalée depuis %1 : ",
                                                 "أشد تنبيه نشط أو مرصود منذ %1: "),
    "Rising risk now: the worst alert still active or flagged in the recent window, whenever it started "
    "(the heatmap's cells over the same months); protracted situations are left out, as in the inbox": (
        "Risque en hausse maintenant : la pire alerte encore active ou signalée dans la période récente, quelle "
        "que soit sa date de début (les cases de la carte de chaleur sur les mêmes mois) ; les situations "
        "prolongées sont laissées de côté, comme dans la boîte de réception",
        "الخطر المتصاعد الآن: أشد تنبيه لا يزال نشطًا أو رُصد خلال الفترة الأخيرة، أيًا كان تاريخ بدايته (خانات "
        "الخريطة الحرارية على الأشهر نفسها)؛ تُستبعد الحالات المطوّلة كما في صندوق التنبيهات"),
    "Protracted: a rise that became the series' new normal; it left the inbox, and is drawn apart so the "
    "heatmap does not show it as a risk to decide on": (
        "Prolongée : une hausse devenue la nouvelle normale de la série ; elle a quitté la boîte de réception et "
        "est dessinée à part pour que la carte de chaleur ne la montre pas comme un risque à trancher",
        "مطوّلة: ارتفاع أصبح الوضع الطبيعي الجديد للسلسلة؛ خرج من صندوق التنبيهات ويُرسم على حدة كي لا تعرضه "
        "الخريطة الحرارية كخطر يتطلب قرارًا"),
    "alert #%1, a protracted situation (not in the inbox)": (
        "alerte n° %1, situation prolongée (hors boîte de réception)",
        "التنبيه رقم %1، حالة مطوّلة (خارج صندوق التنبيهات)"),
    # A derived series' name (ui.derived, context "Derived")
    "%1: gap %2 – %3": ("%1 : écart %2 – %3", "%1: الفجوة %2 – %3"),
    "%1: spread between groups": ("%1 : dispersion entre groupes", "%1: التشتت بين المجموعات"),
    "%1: polarization (Esteban-Ray)": ("%1 : polarisation (Esteban-Ray)", "%1: الاستقطاب (Esteban-Ray)"),
    "Mark this brief as the meeting (moves the meeting marker)": (
        "Cette note de synthèse est celle de la réunion (déplace le repère de réunion)",
        "اعتبار هذا الموجز موجز الاجتماع (ينقل علامة الاجتماع)"),
    "Uncheck for a second brief of the same meeting (another language or format). A further brief written while "
    "nothing was decided or run since the last one covers the same meeting anyway.": (
        "Décochez pour une deuxième note de synthèse de la même réunion (autre langue ou format). Une note rédigée "
        "alors que rien n’a été décidé ni lancé depuis la précédente couvre de toute façon la même réunion.",
        "ألغِ التحديد لموجز ثانٍ للاجتماع نفسه (لغة أو صيغة أخرى). الموجز الذي يُكتب دون أن يُتخذ أي قرار أو "
        "يُشغَّل أي نموذج منذ الموجز السابق يغطي الاجتماع نفسه على أي حال."),
}


def fill(ts: Path, column: int) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for ctx in tree.getroot().findall("context"):
        for m in ctx.findall("message"):
            tr = m.find("translation")
            if m.get("numerus") == "yes" or (tr.get("type") != "unfinished" and (tr.text or "").strip()):
                continue
            source = m.findtext("source") or ""
            if source in TRANSLATIONS:
                tr.text = TRANSLATIONS[source][column]
                tr.attrib.pop("type", None)
            else:
                missing.append(f"{ctx.findtext('name')}: {source}")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    missing = []
    for column, lang in enumerate(("fr", "ar")):
        missing += [f"{lang} {m}" for m in fill(ROOT / "ui" / "translations" / f"workbench_{lang}.ts", column)]
    for m in missing:
        print("untranslated:", m, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
