// Benchmarks the flow editor on a Send Phone Message flow of 200 cards (AUTHDECK_BENCH_CARDS overrides the
// count). The actions come from a test catalog of input-free integrations, installed through an
// IntegrationService over the temporary tenant's database and applied with FlowService::apply.
//
// buildScene: a FlowDraft (reads the applied flow) and a FlowScene over it (a card per binding, each
// described through FlowService), then both destroyed. dragMove: QDragMoveEvents sent to a shown FlowView's
// viewport at successive positions down the pipeline, dragging an installed action that is not in the
// flow, each event followed by the repaint it causes. Two views: at 100 %, scrolled (untimed) to each
// position as the drag goes, and zoomed to fit, where the 200 cards share the viewport. The plain functions
// time a whole pass with QBENCHMARK; the *PerEvent ones print the median time per event over MinimumPasses
// passes.

#include "core/actions/IntegrationService.h"
#include "core/flows/FlowDraft.h"
#include "core/flows/FlowService.h"
#include "tests/bench/BenchResults.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "ui/flows/ActionCardItem.h"
#include "ui/flows/FlowScene.h"
#include "ui/flows/FlowView.h"
#include "ui/shell/Theme.h"

#include <QDragMoveEvent>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QScrollBar>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>

namespace {

const QString kPhone = QStringLiteral("send-phone-message");
/// Timed passes behind each printed per-event number, after one warm-up pass.
constexpr int MinimumPasses = 20;
/// The goal for the work of one drag-move event, repaint included.
constexpr double GoalMillis = 8.0;

int cardCount()
{
    bool ok = false;
    const int count = qEnvironmentVariableIntValue("AUTHDECK_BENCH_CARDS", &ok);
    return ok && count > 0 ? count : 200;
}

QString actionId(int index)
{
    return QStringLiteral("action-%1").arg(index, 3, 10, QLatin1Char('0'));
}

/// @p count input-free integrations for Send Phone Message: "Action 001", "Action 002"…
QByteArray catalogJson(int count)
{
    QJsonArray entries;
    for (int i = 1; i <= count; ++i) {
        entries.append(QJsonObject {
            {QStringLiteral("id"), actionId(i)},
            {QStringLiteral("name"), QStringLiteral("Action %1").arg(i, 3, 10, QLatin1Char('0'))},
            {QStringLiteral("publisher"), QStringLiteral("Bench")},
            {QStringLiteral("summary"), QStringLiteral("A benchmark action")},
            {QStringLiteral("description"), QStringLiteral("Does nothing.")},
            {QStringLiteral("trigger"), kPhone},
            {QStringLiteral("version"), QStringLiteral("1.0.0")},
            {QStringLiteral("inputs"), QJsonArray()}});
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("integrations"), entries}}).toJson();
}

/// Runs what an event left for the event loop (the viewport's repaint); three rounds leave nothing behind.
void flushEvents()
{
    for (int round = 0; round < 3; ++round) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

/// Counts the paint events of the object it filters: the timings must include the repaints.
class PaintCounter : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

/// Prints, for each event of a pass, its median over the passes, summarised: the median of those medians,
/// the slowest event's median, and the range of all timings; records the first two as @p resultKey.median
/// and @p resultKey.slowest (BenchResults).
void report(const QString &title, const QString &resultKey, const QList<QList<double>> &perEvent)
{
    QList<double> medians;
    QList<double> all;
    for (const QList<double> &timings : perEvent) {
        medians.append(median(timings));
        all.append(timings);
    }
    std::sort(all.begin(), all.end());
    const auto slowest = std::max_element(medians.cbegin(), medians.cend());
    qInfo().noquote() << QStringLiteral("%1: %2 events per pass, %3 passes")
                             .arg(title)
                             .arg(perEvent.size())
                             .arg(perEvent.constFirst().size());
    qInfo().noquote() << QStringLiteral("  per-event median %1 ms, slowest event's median %2 ms (event %3), "
                                        "all %4-%5 ms; goal < %6 ms")
                             .arg(median(medians), 0, 'f', 3)
                             .arg(*slowest, 0, 'f', 3)
                             .arg(slowest - medians.cbegin())
                             .arg(all.constFirst(), 0, 'f', 3)
                             .arg(all.constLast(), 0, 'f', 3)
                             .arg(GoalMillis, 0, 'f', 0);
    BenchResults::record(resultKey + QStringLiteral(".median"), median(medians), QStringLiteral("ms"));
    BenchResults::record(resultKey + QStringLiteral(".slowest"), *slowest, QStringLiteral("ms"));
}

} // namespace

class BenchFlowEditor : public QObject
{
    Q_OBJECT

public:
    /// Called by QTEST_MAIN before the application exists: benchmarks run offscreen unless told otherwise.
    static void initMain();

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void buildScene();
    void buildScenePerPass();
    void dragMove_data();
    void dragMove();
    void dragMovePerEvent_data();
    void dragMovePerEvent();

private:
    /// Sets the view up for @p mode ("100 %" or "zoomed to fit"); the viewport positions of one pass.
    QList<QPointF> preparePass(const QString &mode);
    /// Sends one QDragMoveEvent at scene point @p at and flushes the repaint; whether it was accepted.
    bool moveTo(const QPointF &at);
    /// Runs one pass of moves (enter, the moves, leave), timing each move into @p timings when given;
    /// returns how many moves were accepted with the copy action.
    int runPass(const QList<QPointF> &points, bool scroll, QList<QList<double>> *timings = nullptr);

    int m_cards = 0;
    TempTenant m_tenant;
    std::unique_ptr<IntegrationService> m_integrations;
    std::unique_ptr<FlowService> m_flows;
    std::unique_ptr<FlowDraft> m_draft;
    std::unique_ptr<FlowScene> m_scene;
    std::unique_ptr<FlowView> m_view;
    std::unique_ptr<QMimeData> m_mime;
};

void BenchFlowEditor::initMain()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

void BenchFlowEditor::initTestCase()
{
    QVERIFY2(m_tenant.isValid(), qPrintable(m_tenant.error()));
    m_cards = cardCount();
    // One action more than the flow holds: the one dragged over it.
    auto catalog = IntegrationCatalog::parse(catalogJson(m_cards + 1), QStringLiteral("bench catalog"));
    QVERIFY2(catalog, errorBytes(catalog));
    Tenant &tenant = m_tenant.tenant();
    m_integrations = std::make_unique<IntegrationService>(
        tenant.database(), tenant.secrets(), tenant.id(), catalog.takeValue());
    m_flows = std::make_unique<FlowService>(tenant.database(), *m_integrations, tenant.customActions());

    QElapsedTimer seeding;
    seeding.start();
    // The jobs run one after the other; each reports here, by catalog id.
    auto installed = std::make_shared<QHash<QString, Integration>>();
    auto failures = std::make_shared<QStringList>();
    for (int i = 1; i <= m_cards + 1; ++i) {
        connect(m_integrations->install(actionId(i), {}, {}, false),
                &IntegrationJob::finished,
                this,
                [installed, failures](IntegrationJob *job) {
                    if (job->succeeded())
                        installed->insert(job->integration().catalogId, job->integration());
                    else
                        failures->append(job->error() ? job->error()->message() : QStringLiteral("failed"));
                });
    }
    QTRY_COMPARE_WITH_TIMEOUT(installed->size() + failures->size(), m_cards + 1, 120000);
    QVERIFY2(failures->isEmpty(), qPrintable(failures->join(QLatin1Char('\n'))));
    QList<Binding> flow;
    for (int i = 1; i <= m_cards; ++i) {
        const Integration &integration = installed->value(actionId(i));
        flow.append({Binding::Kind::Integration, integration.id, integration.name, 0});
    }
    const auto applied = m_flows->apply(kPhone, flow);
    QVERIFY2(applied, errorBytes(applied));
    const Integration &dragged = installed->value(actionId(m_cards + 1));
    m_mime.reset(FlowScene::mimeFor({Binding::Kind::Integration, dragged.id, dragged.name, 0}));
    qInfo().noquote() << QStringLiteral("installed %1 integrations and applied a flow of %2 in %3 ms")
                             .arg(m_cards + 1)
                             .arg(m_cards)
                             .arg(seeding.elapsed());

    Theme::instance().apply(Theme::Mode::Light);
    m_draft = std::make_unique<FlowDraft>(*m_flows, kPhone);
    m_scene = std::make_unique<FlowScene>(*m_draft, *m_flows);
    QCOMPARE(m_scene->cardCount(), m_cards);
    m_view = std::make_unique<FlowView>(m_scene.get());
    m_view->resize(760, 680); // the view's share of the main window's default 1280x820
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    flushEvents();
}

void BenchFlowEditor::cleanupTestCase()
{
    m_view.reset();
    m_scene.reset();
    m_draft.reset();
}

void BenchFlowEditor::buildScene()
{
    int cards = 0;
    QBENCHMARK
    {
        FlowDraft draft(*m_flows, kPhone);
        FlowScene scene(draft, *m_flows);
        cards = scene.cardCount();
    }
    QCOMPARE(cards, m_cards);
}

void BenchFlowEditor::buildScenePerPass()
{
    QList<double> draftMillis;
    QList<double> sceneMillis;
    for (int pass = 0; pass <= MinimumPasses; ++pass) {
        QElapsedTimer timer;
        timer.start();
        FlowDraft draft(*m_flows, kPhone);
        const qint64 loaded = timer.nsecsElapsed();
        FlowScene scene(draft, *m_flows);
        const qint64 built = timer.nsecsElapsed();
        QCOMPARE(scene.cardCount(), m_cards);
        if (pass == 0)
            continue; // warm-up
        draftMillis << double(loaded) / 1e6;
        sceneMillis << double(built - loaded) / 1e6;
    }
    QList<double> total;
    for (int i = 0; i < draftMillis.size(); ++i)
        total << draftMillis.at(i) + sceneMillis.at(i);
    qInfo().noquote() << QStringLiteral(
                             "building a flow of %1 cards, median of %2 passes: FlowDraft %3 ms + FlowScene "
                             "%4 ms = %5 ms")
                             .arg(m_cards)
                             .arg(MinimumPasses)
                             .arg(median(draftMillis), 0, 'f', 2)
                             .arg(median(sceneMillis), 0, 'f', 2)
                             .arg(median(total), 0, 'f', 2);
}

QList<QPointF> BenchFlowEditor::preparePass(const QString &mode)
{
    m_view->resetTransform();
    QList<QPointF> points;
    if (mode == QLatin1String("zoomed to fit")) {
        m_view->zoomToFit();
        // One event per gap, Start to Complete: the whole pipeline is in the viewport.
        // The middle of each gap: between the node above (Start for gap 0) and the one below.
        for (int gap = 0; gap <= m_cards; ++gap) {
            points << QPointF(
                0,
                (m_scene->cardPosition(gap - 1).y() + ActionCardItem::Height + m_scene->cardPosition(gap).y())
                    / 2);
        }
    } else {
        // Down the pipeline half a card at a time: over each card and each gap.
        const qreal end = m_scene->cardPosition(m_cards).y();
        const qreal step = (m_scene->cardPosition(1).y() - m_scene->cardPosition(0).y()) / 2;
        for (qreal y = 0; y < end; y += step)
            points << QPointF(0, y);
    }
    flushEvents();
    return points;
}

bool BenchFlowEditor::moveTo(const QPointF &at)
{
    QDragMoveEvent event(
        m_view->mapFromScene(at), Qt::CopyAction, m_mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_view->viewport(), &event);
    flushEvents();
    return event.isAccepted() && event.dropAction() == Qt::CopyAction;
}

int BenchFlowEditor::runPass(const QList<QPointF> &points, bool scroll, QList<QList<double>> *timings)
{
    if (scroll)
        m_view->centerOn(points.constFirst());
    QDragEnterEvent enter(m_view->mapFromScene(points.constFirst()),
                          Qt::CopyAction,
                          m_mime.get(),
                          Qt::LeftButton,
                          Qt::NoModifier);
    QCoreApplication::sendEvent(m_view->viewport(), &enter);
    int taken = 0;
    for (int i = 0; i < points.size(); ++i) {
        if (scroll) {
            // Not timed: bringing the point on screen stands for the admin scrolling while dragging.
            m_view->centerOn(points.at(i));
            flushEvents();
        }
        QElapsedTimer timer;
        timer.start();
        const bool accepted = moveTo(points.at(i));
        const qint64 nanoseconds = timer.nsecsElapsed();
        taken += accepted ? 1 : 0;
        if (timings)
            (*timings)[i] << double(nanoseconds) / 1e6;
    }
    QDragLeaveEvent leave;
    QCoreApplication::sendEvent(m_view->viewport(), &leave);
    flushEvents();
    return taken;
}

void BenchFlowEditor::dragMove_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("100 %") << QStringLiteral("100 %");
    QTest::newRow("zoomed to fit") << QStringLiteral("zoomed to fit");
}

void BenchFlowEditor::dragMove()
{
    QFETCH(QString, mode);
    const QList<QPointF> points = preparePass(mode);
    const bool scroll = mode == QLatin1String("100 %");
    int taken = 0;
    QBENCHMARK
    {
        taken = runPass(points, scroll);
    }
    QCOMPARE(taken, points.size());
    QCOMPARE(m_draft->count(), m_cards); // a drag that hovers changes nothing
}

void BenchFlowEditor::dragMovePerEvent_data()
{
    dragMove_data();
}

void BenchFlowEditor::dragMovePerEvent()
{
    QFETCH(QString, mode);
    const QList<QPointF> points = preparePass(mode);
    const bool scroll = mode == QLatin1String("100 %");
    PaintCounter counter;
    m_view->viewport()->installEventFilter(&counter);
    QCOMPARE(runPass(points, scroll), points.size()); // warm-up
    m_view->viewport()->removeEventFilter(&counter);
    QVERIFY2(counter.paints >= points.size() / 2, qPrintable(QString::number(counter.paints)));
    QList<QList<double>> timings(points.size());
    for (int pass = 0; pass < MinimumPasses; ++pass)
        QCOMPARE(runPass(points, scroll, &timings), points.size());
    report(QStringLiteral("QDragMoveEvent over %1 cards, %2, repaint included").arg(m_cards).arg(mode),
           QStringLiteral("flow.drag.%1.%2")
               .arg(m_cards)
               .arg(scroll ? QStringLiteral("100") : QStringLiteral("fit")),
           timings);
    QCOMPARE(m_draft->count(), m_cards);
}

QTEST_MAIN(BenchFlowEditor)

#include "BenchFlowEditor.moc"
