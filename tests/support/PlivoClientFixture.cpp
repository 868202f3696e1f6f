#include "PlivoClientFixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

QByteArray PlivoClientFixture::describe(const PlivoResult &result)
{
    return (PlivoResult::statusName(result.status()) + QStringLiteral(": ") + result.message()).toUtf8();
}

void PlivoClientFixture::setUp()
{
    m_sandbox = std::make_unique<PlivoSandbox>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_sandbox->setStateDelays(20, 40);
    m_client = std::make_unique<PlivoClient>(m_network);
    m_client->setBaseUrl(m_sandbox->baseUrl());
    m_client->setTimeoutMs(5000);
    m_client->setInitialBackoffMs(10);
}

void PlivoClientFixture::tearDown()
{
    m_client.reset();
    m_sandbox.reset();
    m_network.clearConnectionCache();
}

PlivoClientFixture::Outcome PlivoClientFixture::run(PlivoCall *call, int timeoutMs)
{
    Outcome outcome;
    QElapsedTimer clock;
    clock.start();
    QSignalSpy finished(call, &PlivoCall::finished);
    QSignalSpy retrying(call, &PlivoCall::retrying);
    QObject::connect(
        call, &PlivoCall::finished, call, [&outcome, call] { outcome.lastAttempt = call->attempt(); });
    if (finished.isEmpty())
        finished.wait(timeoutMs);
    outcome.elapsedMs = clock.elapsed();
    // Let deferred deletes and stray events run: a second finished() would show up here.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    outcome.finishedCount = int(finished.size());
    if (!finished.isEmpty())
        outcome.result = finished.first().at(0).value<PlivoResult>();
    for (const QList<QVariant> &signal : std::as_const(retrying)) {
        outcome.retryAttempts.append(signal.at(0).toInt());
        outcome.retryDelays.append(signal.at(2).toInt());
    }
    return outcome;
}
