#include "core/plivo/DeliveryTracker.h"
#include "core/plivo/PlivoCall.h"
#include "core/plivo/PlivoClient.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/store/SmsMessageRepository.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

const QString kDestination = QStringLiteral("+14155550199");

QStringList statesOf(const QSignalSpy &spy)
{
    QStringList states;
    for (const QList<QVariant> &signal : spy)
        states.append(signal.at(1).value<PlivoMessage>().state);
    return states;
}

} // namespace

class TestDeliveryTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void defaults();
    void followsToDelivered();
    void createsMissingRow();
    void undeliveredWithCode();
    void timesOut();
    void unknownMessageTimesOut();
    void pollFailuresAreReported();
    void worksWithoutRepository();
    void severalAtOnce();
    void untrackStopsQuietly();
    void trackingTwiceIsIgnored();

private:
    /// Sends one SMS through the sandbox and returns its uuid (empty on failure).
    QString send(const QString &to = kDestination);

    QNetworkAccessManager m_network;
    std::unique_ptr<PlivoSandbox> m_sandbox;
    std::unique_ptr<PlivoClient> m_client;
    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<SmsMessageRepository> m_repository;
    std::unique_ptr<DeliveryTracker> m_tracker;
};

QString TestDeliveryTracker::send(const QString &to)
{
    PlivoCall *call = m_client->sendSms(
        PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), to, QStringLiteral("Your code is 1234"));
    QSignalSpy finished(call, &PlivoCall::finished);
    if (!finished.wait(5000))
        return QString();
    const PlivoResult result = finished.at(0).at(0).value<PlivoResult>();
    return result.messageUuids().value(0);
}

void TestDeliveryTracker::init()
{
    m_sandbox = std::make_unique<PlivoSandbox>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_sandbox->setStateDelays(100, 300);
    m_client = std::make_unique<PlivoClient>(m_network);
    m_client->setBaseUrl(m_sandbox->baseUrl());
    m_client->setTimeoutMs(5000);
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_repository = std::make_unique<SmsMessageRepository>(m_tenant->tenant().database());
    m_tracker = std::make_unique<DeliveryTracker>(*m_client, m_repository.get());
    m_tracker->setPollIntervalMs(20);
    m_tracker->setMaxDurationMs(10000);
}

void TestDeliveryTracker::cleanup()
{
    m_tracker.reset();
    m_repository.reset();
    m_tenant.reset();
    m_client.reset();
    m_sandbox.reset();
    m_network.clearConnectionCache();
}

void TestDeliveryTracker::defaults()
{
    DeliveryTracker tracker(*m_client, nullptr);
    QCOMPARE(tracker.pollIntervalMs(), 1000);
    QCOMPARE(tracker.maxDurationMs(), 120000);
    QCOMPARE(tracker.trackedCount(), 0);
}

void TestDeliveryTracker::followsToDelivered()
{
    const QString uuid = send();
    QVERIFY(!uuid.isEmpty());
    SmsMessageRecord row;
    row.uuid = uuid;
    row.to = kDestination;
    row.from = PlivoSandbox::senderNumber();
    row.state = QStringLiteral("queued");
    row.source = QStringLiteral("integration-test");
    QVERIFY(m_repository->recordSent(row));

    QSignalSpy changed(m_tracker.get(), &DeliveryTracker::stateChanged);
    QSignalSpy finished(m_tracker.get(), &DeliveryTracker::finished);
    m_tracker->track(PlivoSandbox::credentials(), uuid);
    QVERIFY(m_tracker->isTracking(uuid));
    QVERIFY(finished.wait(5000));

    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), uuid);
    const auto last = finished.at(0).at(1).value<PlivoMessage>();
    QCOMPARE(last.state, QStringLiteral("delivered"));
    QCOMPARE(last.errorCode, QStringLiteral("000"));
    QCOMPARE(finished.at(0).at(2).toBool(), false);
    QVERIFY(!m_tracker->isTracking(uuid));

    // Each state once, in order; "sent" lasts 200 ms against 20 ms polls, so it is seen.
    QStringList states = statesOf(changed);
    if (states.value(0) == QLatin1String("queued"))
        states.removeFirst();
    QCOMPARE(states, (QStringList {QStringLiteral("sent"), QStringLiteral("delivered")}));
    for (const QList<QVariant> &signal : std::as_const(changed))
        QCOMPARE(signal.at(0).toString(), uuid);

    const auto recorded = m_repository->find(uuid);
    QVERIFY2(recorded, errorBytes(recorded));
    QVERIFY(recorded.value().has_value());
    QCOMPARE(recorded.value()->state, QStringLiteral("delivered"));
    QCOMPARE(recorded.value()->errorCode, QStringLiteral("000"));
    QCOMPARE(recorded.value()->source, QStringLiteral("integration-test"));
    QVERIFY(recorded.value()->updatedAt >= recorded.value()->createdAt);
}

void TestDeliveryTracker::createsMissingRow()
{
    const QString uuid = send();
    QVERIFY(!uuid.isEmpty());
    QSignalSpy finished(m_tracker.get(), &DeliveryTracker::finished);
    m_tracker->track(PlivoSandbox::credentials(), uuid);
    QVERIFY(finished.wait(5000));

    const auto recorded = m_repository->find(uuid);
    QVERIFY2(recorded, errorBytes(recorded));
    QVERIFY(recorded.value().has_value());
    QCOMPARE(recorded.value()->to, QStringLiteral("+1******0199")); // kDestination, masked
    QCOMPARE(recorded.value()->from, PlivoSandbox::senderNumber());
    QCOMPARE(recorded.value()->state, QStringLiteral("delivered"));
    QCOMPARE(recorded.value()->source, QStringLiteral("delivery-tracker"));
}

void TestDeliveryTracker::undeliveredWithCode()
{
    m_sandbox->setDeliveryOutcome(QStringLiteral("undelivered"), QStringLiteral("30"));
    const QString uuid = send();
    QSignalSpy finished(m_tracker.get(), &DeliveryTracker::finished);
    m_tracker->track(PlivoSandbox::credentials(), uuid);
    QVERIFY(finished.wait(5000));
    const auto last = finished.at(0).at(1).value<PlivoMessage>();
    QCOMPARE(last.state, QStringLiteral("undelivered"));
    QCOMPARE(last.errorCode, QStringLiteral("30"));
    QVERIFY(last.errorMeaning().contains(QLatin1String("spam")));
    QCOMPARE(m_repository->find(uuid).value()->errorCode, QStringLiteral("30"));
}

void TestDeliveryTracker::timesOut()
{
    m_sandbox->setStateDelays(30, 600000); // sent, then no receipt within the test
    m_tracker->setMaxDurationMs(300);
    const QString uuid = send();
    QSignalSpy finished(m_tracker.get(), &DeliveryTracker::finished);
    m_tracker->track(PlivoSandbox::credentials(), uuid);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(2).toBool(), true);
    QCOMPARE(finished.at(0).at(1).value<PlivoMessage>().state, QStringLiteral("sent"));
    QVERIFY(!m_tracker->isTracking(uuid));
    QCOMPARE(m_repository->find(uuid).value()->state, QStringLiteral("sent"));
}

void TestDeliveryTracker::unknownMessageTimesOut()
{
    m_tracker->setMaxDurationMs(200);
    QSignalSpy failed(m_tracker.get(), &DeliveryTracker::pollFailed);
    QSignalSpy finished(m_tracker.get(), &DeliveryTracker::finished);
    m_tracker->track(PlivoSandbox::credentials(), QStringLiteral("no-such-message"));
    QVERIFY(finished.wait(5000));
    QVERIFY(!failed.isEmpty());
    QCOMPARE(failed.at(0).at(1).value<PlivoResult>().status(), PlivoResult::Status::NotFound);
    const auto last = finished.at(0).at(1).value<PlivoMessage>();
    QCOMPARE(last.uuid, QStringLiteral("no-such-message"));
    QVERIFY(last.state.isEmpty());
    QCOMPARE(finished.at(0).at(2).toBool(), true);
    QVERIFY(!m_repository->find(QStringLiteral("no-such-message")).value().has_value());
}

void TestDeliveryTracker::pollFailuresAreReported()
{
    const QString uuid = send();
    m_sandbox->setFailureMode(PlivoSandbox::FailureMode::ServerError);
    m_sandbox->setFailureCount(2);
    QSignalSpy failed(m_tracker.get(), &DeliveryTracker::pollFailed);
    QSignalSpy finished(m_tracker.get(), &DeliveryTracker::finished);
    m_tracker->track(PlivoSandbox::credentials(), uuid);
    QVERIFY(finished.wait(5000));
    QCOMPARE(failed.size(), 2);
    QCOMPARE(failed.at(0).at(1).value<PlivoResult>().status(), PlivoResult::Status::ServerError);
    QCOMPARE(finished.at(0).at(1).value<PlivoMessage>().state, QStringLiteral("delivered"));
}

void TestDeliveryTracker::worksWithoutRepository()
{
    DeliveryTracker tracker(*m_client, nullptr);
    tracker.setPollIntervalMs(20);
    const QString uuid = send();
    QSignalSpy finished(&tracker, &DeliveryTracker::finished);
    tracker.track(PlivoSandbox::credentials(), uuid);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(1).value<PlivoMessage>().state, QStringLiteral("delivered"));
    QVERIFY(!m_repository->find(uuid).value().has_value());
}

void TestDeliveryTracker::severalAtOnce()
{
    QStringList uuids;
    for (int i = 0; i < 3; ++i)
        uuids.append(send(QStringLiteral("+1415555021%1").arg(i)));
    QSignalSpy finished(m_tracker.get(), &DeliveryTracker::finished);
    for (const QString &uuid : std::as_const(uuids))
        m_tracker->track(PlivoSandbox::credentials(), uuid);
    QCOMPARE(m_tracker->trackedCount(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 5000);
    QStringList done;
    for (const QList<QVariant> &signal : std::as_const(finished))
        done.append(signal.at(0).toString());
    done.sort();
    uuids.sort();
    QCOMPARE(done, uuids);
    QCOMPARE(m_tracker->trackedCount(), 0);
}

void TestDeliveryTracker::untrackStopsQuietly()
{
    const QString uuid = send();
    QSignalSpy changed(m_tracker.get(), &DeliveryTracker::stateChanged);
    QSignalSpy finished(m_tracker.get(), &DeliveryTracker::finished);
    m_tracker->track(PlivoSandbox::credentials(), uuid);
    QVERIFY(changed.wait(5000));
    m_tracker->untrack(uuid);
    QVERIFY(!m_tracker->isTracking(uuid));
    // Another message followed to its end shows the untracked one stayed quiet meanwhile.
    const QString other = send(QStringLiteral("+14155550300"));
    m_tracker->track(PlivoSandbox::credentials(), other);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), other);
}

void TestDeliveryTracker::trackingTwiceIsIgnored()
{
    const QString uuid = send();
    QSignalSpy finished(m_tracker.get(), &DeliveryTracker::finished);
    m_tracker->track(PlivoSandbox::credentials(), uuid);
    m_tracker->track(PlivoSandbox::credentials(), uuid);
    m_tracker->track(PlivoSandbox::credentials(), QString());
    QCOMPARE(m_tracker->trackedCount(), 1);
    QVERIFY(finished.wait(5000));
    const QString other = send(QStringLiteral("+14155550301"));
    m_tracker->track(PlivoSandbox::credentials(), other);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.size(), 2); // the first uuid finished once
}

QTEST_GUILESS_MAIN(TestDeliveryTracker)
#include "TestDeliveryTracker.moc"
