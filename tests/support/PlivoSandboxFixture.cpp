#include "PlivoSandboxFixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

QByteArray PlivoSandboxFixture::basic(const QString &authId, const QString &token)
{
    return "Basic " + (authId + QLatin1Char(':') + token).toUtf8().toBase64();
}

QString PlivoSandboxFixture::account()
{
    return QStringLiteral("/v1/Account/%1/").arg(PlivoSandbox::credentials().authId);
}

QByteArray PlivoSandboxFixture::sendBody(const QString &dst, const QString &text, const QString &src)
{
    QJsonObject body {{QStringLiteral("text"), text}};
    if (!src.isNull())
        body.insert(QStringLiteral("src"), src);
    if (!dst.isNull())
        body.insert(QStringLiteral("dst"), dst);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void PlivoSandboxFixture::setUp()
{
    m_sandbox = std::make_unique<PlivoSandbox>();
    QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    m_sandbox->setStateDelays(20, 60);
}

void PlivoSandboxFixture::tearDown()
{
    m_sandbox.reset();
    m_network.clearConnectionCache();
}

PlivoSandboxFixture::Exchange PlivoSandboxFixture::exchange(const QByteArray &verb,
                                                            const QString &pathAndQuery,
                                                            const QByteArray &body,
                                                            const QByteArray &authorization)
{
    QNetworkRequest request(m_sandbox->baseUrl().resolved(QUrl(pathAndQuery)));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    if (verb == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    Exchange result;
    result.finished = reply->isFinished() || done.wait(10000);
    result.elapsedMs = clock.elapsed();
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}
