#include "PlivoClient.h"

#include "core/plivo/PlivoCall.h"
#include "core/plivo/SmsText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QtGlobal>

namespace {

/// What Plivo keeps of a number: letters and digits only.
QString sanitised(const QString &number)
{
    static const QRegularExpression other(QStringLiteral("[^A-Za-z0-9]"));
    return QString(number).remove(other);
}

/// Why the credentials cannot be sent, or an empty string.
QString credentialsProblem(const PlivoCredentials &credentials)
{
    if (!isValidPlivoAuthId(credentials.authId))
        return PlivoClient::tr("\"%1\" is not a Plivo Auth ID (MA or SA followed by 18 capital letters or "
                               "digits)")
            .arg(credentials.authId);
    if (credentials.authToken.isEmpty())
        return PlivoClient::tr("the Auth Token is empty");
    return QString();
}

} // namespace

PlivoClient::PlivoClient(QNetworkAccessManager &network, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_baseUrl(QStringLiteral("https://api.plivo.com"))
{ }

void PlivoClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
}

void PlivoClient::setTimeoutMs(int ms)
{
    m_timeoutMs = qMax(1, ms);
}

void PlivoClient::setMaxRateLimitRetries(int retries)
{
    m_maxRetries = qMax(0, retries);
}

void PlivoClient::setInitialBackoffMs(int ms)
{
    m_initialBackoffMs = qMax(0, ms);
}

QString PlivoClient::userAgent()
{
    return QStringLiteral("Authdeck/%1 (Qt %2)")
        .arg(QStringLiteral(AUTHDECK_VERSION), QString::fromLatin1(qVersion()));
}

PlivoCall *PlivoClient::sendSms(const PlivoCredentials &credentials,
                                const QString &src,
                                const QString &dst,
                                const QString &text)
{
    QString refusal;
    const QStringList destinations = dst.split(QLatin1Char('<'), Qt::SkipEmptyParts);
    QStringList cleaned;
    for (const QString &destination : destinations) {
        if (!sanitised(destination).isEmpty())
            cleaned.append(sanitised(destination));
    }
    if (sanitised(src).isEmpty())
        refusal = tr("the sender number (src) is empty");
    else if (cleaned.isEmpty())
        refusal = tr("the destination number (dst) is empty");
    else if (cleaned.contains(sanitised(src)))
        refusal = tr("the destination number cannot be the same as the source number");
    else if (const auto problem = SmsText::check(text))
        refusal = *problem;

    const QJsonObject body {{QStringLiteral("src"), src.trimmed()},
                            {QStringLiteral("dst"), dst.trimmed()},
                            {QStringLiteral("text"), text},
                            {QStringLiteral("type"), QStringLiteral("sms")}};
    return makeCall(credentials,
                    PlivoResult::Operation::SendSms,
                    QByteArrayLiteral("POST"),
                    QStringLiteral("Message/"),
                    QJsonDocument(body).toJson(QJsonDocument::Compact),
                    refusal);
}

PlivoCall *PlivoClient::getMessage(const PlivoCredentials &credentials, const QString &messageUuid)
{
    const QString uuid = messageUuid.trimmed();
    return makeCall(credentials,
                    PlivoResult::Operation::GetMessage,
                    QByteArrayLiteral("GET"),
                    QStringLiteral("Message/%1/").arg(QString::fromLatin1(QUrl::toPercentEncoding(uuid))),
                    {},
                    uuid.isEmpty() ? tr("the message UUID is empty") : QString());
}

PlivoCall *PlivoClient::getAccount(const PlivoCredentials &credentials)
{
    return makeCall(credentials, PlivoResult::Operation::GetAccount, QByteArrayLiteral("GET"), QString(), {});
}

PlivoCall *PlivoClient::listSmsNumbers(const PlivoCredentials &credentials)
{
    return makeCall(credentials,
                    PlivoResult::Operation::ListNumbers,
                    QByteArrayLiteral("GET"),
                    QStringLiteral("Number/?services=sms&limit=20&offset=0"),
                    {});
}

PlivoCall *PlivoClient::makeCall(const PlivoCredentials &credentials,
                                 PlivoResult::Operation operation,
                                 const QByteArray &verb,
                                 const QString &path,
                                 const QByteArray &body,
                                 const QString &refusal)
{
    PlivoCall::Setup setup;
    setup.operation = operation;
    setup.verb = verb;
    setup.body = body;
    setup.baseUrl = m_baseUrl;
    setup.timeoutMs = m_timeoutMs;
    setup.maxRetries = m_maxRetries;
    setup.initialBackoffMs = m_initialBackoffMs;

    if (const QString problem = credentialsProblem(credentials); !problem.isEmpty()) {
        setup.refused = PlivoResult::failure(operation, PlivoResult::Status::BadCredentials, problem, false);
    } else if (!refusal.isEmpty()) {
        setup.refused = PlivoResult::failure(operation, PlivoResult::Status::Rejected, refusal, false);
    } else {
        // The auth id is checked above, so it is safe in a path; every resource path ends with '/'.
        QString base = m_baseUrl.path(QUrl::FullyEncoded);
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        const QString resource
            = base + QStringLiteral("/v1/Account/") + credentials.authId + QLatin1Char('/') + path;
        const QUrl url = m_baseUrl.resolved(QUrl(resource, QUrl::StrictMode));

        QNetworkRequest request(url);
        const QByteArray basic
            = (credentials.authId + QLatin1Char(':') + credentials.authToken).toUtf8().toBase64();
        request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + basic);
        request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
        request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
        if (verb == "POST") {
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        }
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        // HTTP/1.1 only: the transport behaviour PlivoCall relies on (no silent resend of a send whose
        // connection dropped) is the one verified against the sandbox.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
        setup.request = request;
    }
    return new PlivoCall(m_network, std::move(setup), this);
}
