// Benchmarks search as you type on the Applications page of a tenant with 10,000 applications
// (AUTHDECK_BENCH_APPS overrides the count). Each pass types "app 12" one key at a time, then clears.
//
// typeSearch: keystrokes into the page's search field, each including the filter and the view's
// relayout and repaint. filterModel: ApplicationFilterModel::setSearchText alone, with no view attached.
// The plain functions time one whole pass with QBENCHMARK; the *PerKeystroke ones print the median
// time of each keystroke over MinimumPasses passes.

#include "tests/bench/BenchResults.h"
#include "tests/bench/BenchTenant.h"
#include "tests/support/TempTenant.h"
#include "ui/applications/ApplicationFilterModel.h"
#include "ui/applications/ApplicationListModel.h"
#include "ui/applications/ApplicationsPage.h"
#include "ui/shell/Theme.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>

namespace {

/// Timed passes behind each printed per-keystroke number, after one warm-up pass.
constexpr int MinimumPasses = 20;

/// One step of a pass (a keystroke, or clearing the search) and its timings over all passes.
struct Step
{
    QString label;
    int rows = 0;
    QList<double> millis;
};

/**
 * Runs what a keystroke left for the event loop: the view's delayed relayout and the repaints. A round
 * can start timers that only the next round runs; three rounds leave nothing behind (checked by counting
 * the view's paint events during a 200 ms wait afterwards).
 */
void flushEvents()
{
    for (int round = 0; round < 3; ++round) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

/// Prints each step's median and range; records the slowest step's median and the median step as
/// @p resultKey.worst and @p resultKey.median (BenchResults).
void report(const QString &title, const QString &resultKey, int applications, const QList<Step> &steps)
{
    QList<double> medians;
    qInfo().noquote() << QStringLiteral("%1, %2 applications, median of %3 passes (min-max):")
                             .arg(title)
                             .arg(applications)
                             .arg(steps.constFirst().millis.size());
    for (const Step &step : steps) {
        QList<double> sorted = step.millis;
        std::sort(sorted.begin(), sorted.end());
        medians << sorted.at(sorted.size() / 2);
        qInfo().noquote() << QStringLiteral("  %1 %2 rows  %3 ms  (%4-%5)")
                                 .arg(step.label, -10)
                                 .arg(step.rows, 6)
                                 .arg(sorted.at(sorted.size() / 2), 7, 'f', 2)
                                 .arg(sorted.constFirst(), 0, 'f', 2)
                                 .arg(sorted.constLast(), 0, 'f', 2);
    }
    std::sort(medians.begin(), medians.end());
    BenchResults::record(resultKey + QStringLiteral(".worst"), medians.constLast(), QStringLiteral("ms"));
    BenchResults::record(
        resultKey + QStringLiteral(".median"), medians.at(medians.size() / 2), QStringLiteral("ms"));
}

} // namespace

class BenchApplicationSearch : public QObject
{
    Q_OBJECT

public:
    /// Called by QTEST_MAIN before the application exists: benchmarks run offscreen unless told otherwise.
    static void initMain();

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void typeSearch();
    void typeSearchPerKeystroke();
    void filterModel();
    void filterModelPerKeystroke();

private:
    /// The steps of a pass: each prefix of the search, then "clear".
    QList<Step> steps() const;
    /// Runs step @p step of a pass; returns how many rows then match.
    using StepRunner = std::function<int(int step)>;
    /// Runs one pass, timing each step into @p steps when given.
    void runPass(const StepRunner &run, QList<Step> *steps = nullptr) const;
    /// Times a warm-up pass and then MinimumPasses passes, prints them and records them under
    /// search.<applications>.@p kind.
    void timePerKeystroke(const QString &title, const QString &kind, const StepRunner &run) const;

    int typeStep(int step);
    int filterStep(int step);

    const QString m_search = QStringLiteral("app 12");
    int m_applications = 0;
    TempTenant m_tenant;
    std::unique_ptr<ApplicationsPage> m_page;
    QLineEdit *m_searchField = nullptr;
    std::unique_ptr<ApplicationFilterModel> m_bareFilter;
};

void BenchApplicationSearch::initMain()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

void BenchApplicationSearch::initTestCase()
{
    QVERIFY2(m_tenant.isValid(), qPrintable(m_tenant.error()));
    m_applications = BenchTenant::applicationCount();

    QElapsedTimer seeding;
    seeding.start();
    const QString error = BenchTenant::seed(m_tenant.tenant(), m_applications);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    qInfo().noquote() << QStringLiteral("seeded %1 applications through ApplicationService::create in %2 ms")
                             .arg(m_applications)
                             .arg(seeding.elapsed());

    Theme::instance().apply(Theme::Mode::Light);
    m_page = std::make_unique<ApplicationsPage>(m_tenant.tenant());
    m_page->resize(1040, 820); // the page's share of the main window's default 1280x820
    QElapsedTimer opening;
    opening.start();
    m_page->open({});
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    qInfo().noquote() << QStringLiteral("opened and showed the page in %1 ms").arg(opening.elapsed());
    QCOMPARE(m_page->filter()->rowCount(), m_applications);

    m_searchField = m_page->findChild<QLineEdit *>(QStringLiteral("applicationSearch"));
    QVERIFY(m_searchField);
    m_page->activateWindow();
    m_searchField->setFocus();
    flushEvents();

    m_bareFilter = std::make_unique<ApplicationFilterModel>();
    m_bareFilter->setSourceModel(m_page->model());
    QCOMPARE(m_bareFilter->rowCount(), m_applications);
}

void BenchApplicationSearch::cleanupTestCase()
{
    m_bareFilter.reset();
    m_page.reset();
}

QList<Step> BenchApplicationSearch::steps() const
{
    QList<Step> steps;
    for (int length = 1; length <= m_search.size(); ++length)
        steps << Step {QLatin1Char('"') + m_search.left(length) + QLatin1Char('"'), 0, {}};
    steps << Step {QStringLiteral("clear"), 0, {}};
    return steps;
}

void BenchApplicationSearch::runPass(const StepRunner &run, QList<Step> *steps) const
{
    for (int step = 0; step <= m_search.size(); ++step) {
        QElapsedTimer timer;
        timer.start();
        const int rows = run(step);
        const qint64 nanoseconds = timer.nsecsElapsed();
        if (steps) {
            (*steps)[step].rows = rows;
            (*steps)[step].millis << double(nanoseconds) / 1e6;
        }
    }
}

void BenchApplicationSearch::timePerKeystroke(const QString &title,
                                              const QString &kind,
                                              const StepRunner &run) const
{
    runPass(run); // warm-up
    QList<Step> timed = steps();
    for (int pass = 0; pass < MinimumPasses; ++pass)
        runPass(run, &timed);
    report(title, QStringLiteral("search.%1.%2").arg(m_applications).arg(kind), m_applications, timed);
}

int BenchApplicationSearch::typeStep(int step)
{
    if (step < m_search.size())
        QTest::keyClick(m_searchField, m_search.at(step).toLatin1());
    else
        m_searchField->clear();
    flushEvents();
    return m_page->filter()->rowCount();
}

int BenchApplicationSearch::filterStep(int step)
{
    m_bareFilter->setSearchText(m_search.left(step + 1 <= m_search.size() ? step + 1 : 0));
    return m_bareFilter->rowCount();
}

void BenchApplicationSearch::typeSearch()
{
    const StepRunner run = [this](int step) { return typeStep(step); };
    QBENCHMARK
    {
        runPass(run);
    }
    QCOMPARE(m_searchField->text(), QString());
    QCOMPARE(m_page->filter()->rowCount(), m_applications);
}

void BenchApplicationSearch::typeSearchPerKeystroke()
{
    timePerKeystroke(QStringLiteral("typing into applicationSearch, per keystroke with the view's update"),
                     QStringLiteral("view"),
                     [this](int step) { return typeStep(step); });
    QCOMPARE(m_searchField->text(), QString());
}

void BenchApplicationSearch::filterModel()
{
    const StepRunner run = [this](int step) { return filterStep(step); };
    QBENCHMARK
    {
        runPass(run);
    }
    QCOMPARE(m_bareFilter->rowCount(), m_applications);
}

void BenchApplicationSearch::filterModelPerKeystroke()
{
    timePerKeystroke(QStringLiteral("ApplicationFilterModel::setSearchText alone (no view), per keystroke"),
                     QStringLiteral("filter"),
                     [this](int step) { return filterStep(step); });
}

QTEST_MAIN(BenchApplicationSearch)

#include "BenchApplicationSearch.moc"
