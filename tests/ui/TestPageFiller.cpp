// PageFiller: a page is filled read by read from the event loop until it has the rows it wants, the list
// ends, or a read fails; a fill asked for later reads nothing before the event loop runs.

#include "ui/common/PageFiller.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

class TestPageFiller : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void fills_data();
    void fills();
    void laterReadsNothingBeforeTheEventLoop();
    void aFailedReadStops();
    void stopDropsWhatWasWanted();
    void aViewLayingOutTheNewRowsReadsNoMore();

private:
    /// A list of m_total rows, read m_perRead at a time.
    PageFiller::Model model()
    {
        return {[this] {
                    ++m_reads;
                    if (!m_error.isEmpty())
                        return m_error;
                    m_rows = qMin(m_total, m_rows + m_perRead);
                    return QString();
                },
                [this] { return m_rows; },
                [this] { return m_rows >= m_total; }};
    }

    int m_rows = 0;
    int m_total = 0;
    int m_perRead = 0;
    int m_reads = 0;
    QString m_error;
};

void TestPageFiller::init()
{
    m_rows = m_reads = 0;
    m_error.clear();
}

void TestPageFiller::fills_data()
{
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("perRead");
    QTest::addColumn<int>("wanted");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("reads");

    QTest::newRow("one read fills the page") << 500 << 60 << 50 << 60 << 1;
    QTest::newRow("sparse matches: read after read") << 500 << 7 << 50 << 56 << 8;
    QTest::newRow("the list ends first") << 20 << 7 << 50 << 20 << 3;
    QTest::newRow("an empty list") << 0 << 7 << 50 << 0 << 1;
}

void TestPageFiller::fills()
{
    QFETCH(int, total);
    QFETCH(int, perRead);
    QFETCH(int, wanted);
    QFETCH(int, rows);
    QFETCH(int, reads);
    m_total = total;
    m_perRead = perRead;
    PageFiller filler(model());
    QSignalSpy filling(&filler, &PageFiller::fillingChanged);

    filler.fillNow(wanted);
    QCOMPARE(m_reads, 1); // the first read now
    if (reads > 1)
        QCOMPARE(filler.wanted(), wanted - perRead);
    if (rows > 0) { // more reads, or the turn that lays the rows out
        QVERIFY(filler.isFilling());
        QVERIFY(filling.wait());
        QCOMPARE(filling.constLast().constFirst().toBool(), false);
    }
    QVERIFY(!filler.isFilling());
    QCOMPARE(filler.wanted(), 0);
    QCOMPARE(m_rows, rows);
    QCOMPARE(m_reads, reads);
}

void TestPageFiller::laterReadsNothingBeforeTheEventLoop()
{
    m_total = 100;
    m_perRead = 30;
    PageFiller filler(model());
    QSignalSpy filling(&filler, &PageFiller::fillingChanged);
    filler.fillLater(50);
    QCOMPARE(m_reads, 0);
    QVERIFY(filler.isFilling());
    QCOMPARE(filling.size(), 1);
    QVERIFY(filling.wait());
    QCOMPARE(m_rows, 60);
    QCOMPARE(m_reads, 2);
}

void TestPageFiller::aFailedReadStops()
{
    m_total = 100;
    m_perRead = 5;
    PageFiller filler(model());
    QSignalSpy failed(&filler, &PageFiller::failed);
    filler.fillNow(50);
    QVERIFY(filler.isFilling());
    m_error = QStringLiteral("The database is locked");
    QVERIFY(failed.wait());
    QCOMPARE(failed.constFirst().constFirst().toString(), QStringLiteral("The database is locked"));
    QVERIFY(!filler.isFilling());
    const int reads = m_reads;
    // Nothing more is read after the failure: the next event loop turn reads nothing.
    QSignalSpy filling(&filler, &PageFiller::fillingChanged);
    filler.fillLater(10);
    QVERIFY(filling.wait());
    QCOMPARE(m_reads, reads + 1);
}

void TestPageFiller::stopDropsWhatWasWanted()
{
    m_total = 1000;
    m_perRead = 1;
    PageFiller filler(model());
    QSignalSpy filling(&filler, &PageFiller::fillingChanged);
    filler.fillNow(50);
    QVERIFY(filler.isFilling());
    filler.stop();
    QVERIFY(!filler.isFilling());
    QCOMPARE(filler.wanted(), 0);
    QCOMPARE(filling.size(), 2);
    // A later turn of the event loop reads nothing more.
    filler.fillLater(0);
    QCoreApplication::processEvents();
    QCOMPARE(m_reads, 1);
}

void TestPageFiller::aViewLayingOutTheNewRowsReadsNoMore()
{
    // As QTreeView does: rows inserted start a layout on the next turn of the event loop, and the layout
    // fetches whenever the model can. The filler is still filling then, so the model says it cannot.
    m_total = 1000;
    m_perRead = 50;
    QList<bool> fillingAtLayout;
    PageFiller *view = nullptr; // what the layout asks
    PageFiller::Model viewed = model();
    auto read = viewed.readOn;
    viewed.readOn = [&, read] {
        const QString error = read();
        QTimer::singleShot(0, view, [&] { fillingAtLayout.append(view->isFilling()); });
        return error;
    };
    PageFiller watched(viewed);
    view = &watched;
    QSignalSpy filling(&watched, &PageFiller::fillingChanged);
    watched.fillLater(50);
    QVERIFY(filling.wait()); // true, then false once the layout's turn is over
    QTRY_VERIFY(!watched.isFilling());
    QCOMPARE(fillingAtLayout, QList<bool> {true});
    QCOMPARE(m_reads, 1);
}

QTEST_GUILESS_MAIN(TestPageFiller)

#include "TestPageFiller.moc"
