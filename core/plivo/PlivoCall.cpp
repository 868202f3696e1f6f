#include "PlivoCall.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>

// Debug output (each failed call, each 429 retry) is off unless QT_LOGGING_RULES turns it on.
Q_LOGGING_CATEGORY(lcPlivo, "authdeck.plivo", QtInfoMsg)

namespace {

/**
 * @brief A request body that can be read only once.
 *
 * Qt's HTTP stack silently sends a request again when a kept-alive connection closes before any answer.
 * For a send that would be an automatic retry of a message that may already be queued, so the body
 * refuses to be rewound: Qt reports ContentReSendError instead, and the call reports ConnectionLost.
 */
class OneShotBody : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data)
        : m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_position + QIODevice::bytesAvailable();
    }
    bool reset() override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = qMin(maxSize, qint64(m_data.size()) - m_position);
        if (count <= 0)
            return -1;
        memcpy(data, m_data.constData() + m_position, size_t(count));
        m_position += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 3);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const int defaultPort = a.scheme() == QLatin1String("https") ? 443 : 80;
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(defaultPort) == b.port(defaultPort);
}

} // namespace

PlivoCall::PlivoCall(QNetworkAccessManager &network, Setup setup, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_setup(std::move(setup))
    , m_operation(m_setup.operation)
    , m_result(PlivoResult::failure(m_setup.operation, PlivoResult::Status::Cancelled, {}, false))
{
    m_timeout.setSingleShot(true);
    m_backoff.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &PlivoCall::onTimeout);
    connect(&m_backoff, &QTimer::timeout, this, &PlivoCall::sendAttempt);
    QMetaObject::invokeMethod(this, &PlivoCall::start, Qt::QueuedConnection);
}

PlivoCall::~PlivoCall()
{
    dropReply();
}

void PlivoCall::cancel()
{
    if (m_finished)
        return;
    dropReply();
    finish(PlivoResult::failure(m_operation, PlivoResult::Status::Cancelled, tr("cancelled"), m_requestSent));
}

void PlivoCall::start()
{
    if (m_finished)
        return;
    if (m_setup.refused) {
        finish(*m_setup.refused);
        return;
    }
    sendAttempt();
}

void PlivoCall::sendAttempt()
{
    if (m_finished)
        return;
    ++m_attempt;
    m_requestSent = false;
    QNetworkReply *reply = nullptr;
    if (m_setup.verb == "POST") {
        auto *body = new OneShotBody(m_setup.body);
        QNetworkRequest request = m_setup.request;
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        reply = m_network.post(request, body);
        body->setParent(reply);
    } else {
        reply = m_network.get(m_setup.request);
    }
    m_reply = reply;
    connect(reply, &QNetworkReply::requestSent, this, [this] { m_requestSent = true; });
    connect(reply, &QNetworkReply::finished, this, &PlivoCall::onReplyFinished);
    m_timeout.start(m_setup.timeoutMs);
}

void PlivoCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished)
        return;
    m_timeout.stop();
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->deleteLater();

    const int error = reply->error();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // Errors below 200 are the network and proxy layers; a re-send refusal and a protocol failure mean
    // the answer is incomplete, whatever status line came before.
    const bool transportError = (error > 0 && error < 200) || error == QNetworkReply::ContentReSendError
        || error == QNetworkReply::ProtocolFailure;
    if (transportError || !status.isValid() || status.toInt() <= 0) {
        finish(transportFailure(error, reply->errorString()));
        return;
    }

    const PlivoResult result = PlivoResult::fromHttp(m_operation, status.toInt(), reply->readAll());
    // An answer came: this attempt's outcome is known.
    m_requestSent = false;
    if (result.status() == PlivoResult::Status::RateLimited && m_attempt <= m_setup.maxRetries) {
        const qint64 delay = qMin<qint64>(qint64(m_setup.initialBackoffMs) << qMin(m_attempt - 1, 20), 60000);
        qCDebug(lcPlivo) << "429 from Plivo; attempt" << m_attempt + 1 << "in" << delay << "ms";
        m_backoff.start(int(delay));
        Q_EMIT retrying(m_attempt + 1, result, int(delay));
        return;
    }
    if (m_operation == PlivoResult::Operation::ListNumbers && result.succeeded() && followNextPage(result))
        return;
    if (m_operation == PlivoResult::Operation::ListNumbers && result.succeeded()) {
        const QJsonObject all {{QStringLiteral("api_id"), result.apiId()},
                               {QStringLiteral("objects"), m_objects}};
        finish(PlivoResult::fromHttp(m_operation, result.httpStatus(), QJsonDocument(all).toJson()));
        return;
    }
    finish(result);
}

bool PlivoCall::followNextPage(const PlivoResult &page)
{
    const QJsonArray objects = page.body().value(QLatin1String("objects")).toArray();
    for (const QJsonValue &object : objects)
        m_objects.append(object);
    const QJsonValue next = page.body().value(QLatin1String("meta")).toObject().value(QLatin1String("next"));
    if (!next.isString() || next.toString().isEmpty())
        return false;

    ++m_pages;
    const QUrl url = m_setup.baseUrl.resolved(QUrl(next.toString()));
    QString problem;
    if (!url.isValid() || !sameOrigin(url, m_setup.baseUrl))
        problem = tr("its meta.next points to another server (%1)").arg(next.toString());
    else if (url == m_setup.request.url())
        problem = tr("its meta.next repeats the same page (%1)").arg(next.toString());
    else if (m_pages >= MaxNumberPages)
        problem = tr("it has more than %1 pages of numbers").arg(MaxNumberPages);
    if (!problem.isEmpty()) {
        finish(PlivoResult::failure(m_operation, PlivoResult::Status::BadReply, problem, true));
        return true;
    }
    m_setup.request.setUrl(url);
    m_attempt = 0;
    sendAttempt();
    return true;
}

void PlivoCall::onTimeout()
{
    if (m_finished)
        return;
    dropReply();
    finish(PlivoResult::failure(m_operation,
                                PlivoResult::Status::TimedOut,
                                tr("no answer within %1 s").arg(seconds(m_setup.timeoutMs)),
                                m_requestSent));
}

PlivoResult PlivoCall::transportFailure(int networkError, const QString &errorText) const
{
    using Status = PlivoResult::Status;
    Status status = Status::CouldNotConnect;
    switch (networkError) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ContentReSendError:
    case QNetworkReply::UnknownNetworkError:
        status = m_requestSent ? Status::ConnectionLost : Status::CouldNotConnect;
        break;
    case QNetworkReply::TimeoutError:
        status = Status::TimedOut;
        break;
    case QNetworkReply::OperationCanceledError:
        status = Status::Cancelled;
        break;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        status = Status::BadReply;
        break;
    default:
        status = Status::CouldNotConnect; // refused, host not found, TLS, proxy, network down
        break;
    }
    // Qt's text for a refused re-send is "Unknown error": say what happened instead.
    const QString detail = networkError == QNetworkReply::ContentReSendError
        ? tr("the connection closed before Plivo answered (Authdeck never sends a message twice on its own)")
        : errorText;
    return PlivoResult::failure(m_operation, status, detail, m_requestSent);
}

void PlivoCall::finish(const PlivoResult &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    m_timeout.stop();
    m_backoff.stop();
    if (!result.succeeded())
        qCDebug(lcPlivo).noquote() << PlivoResult::statusName(result.status()) << result.message();
    Q_EMIT finished(m_result);
    deleteLater();
}

void PlivoCall::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}
