#include "PlivoSandbox.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

/// An answer held back (SlowReply) until its timer fires; dropped when the client has gone.
struct PlivoSandbox::PendingAnswer
{
    explicit PendingAnswer(QHttpServerResponder &&r)
        : responder(std::move(r))
        , socket(responder.socket())
    { }

    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    Answer answer;
};

PlivoCredentials PlivoSandbox::credentials()
{
    return {QStringLiteral("MASANDBOX0AUTHDECK01"), QStringLiteral("authdeck-sandbox-token")};
}

QString PlivoSandbox::senderNumber()
{
    return QStringLiteral("+14155550100");
}

PlivoSandbox::PlivoSandbox(QObject *parent)
    : QObject(parent)
    , m_numbers {QStringLiteral("14155550100"), QStringLiteral("14155550101")}
{
    qRegisterMetaType<PlivoSandbox::Message>();
}

PlivoSandbox::~PlivoSandbox()
{
    m_pending.clear();
}

bool PlivoSandbox::start(quint16 port)
{
    stop();
    m_errorString.clear();
    m_server = new QHttpServer(this);
    addRoutes();
    if (!listen(port)) {
        delete m_server;
        m_server = nullptr;
        return false;
    }
    return true;
}

bool PlivoSandbox::listen(quint16 port)
{
    // The one place that binds the HTTP server: QAbstractHttpServer::listen() of Qt 6.4 (deprecated from
    // 6.8) loses the error text, so listen on our own QTcpServer and hand it over with bind().
    auto *tcp = new QTcpServer(m_server);
    if (!tcp->listen(QHostAddress::LocalHost, port)) {
        m_errorString
            = tr("The Plivo sandbox cannot listen on 127.0.0.1:%1: %2").arg(port).arg(tcp->errorString());
        return false;
    }
    m_server->bind(tcp);
    m_port = tcp->serverPort();
    m_requestCount = 0;
    return true;
}

void PlivoSandbox::stop()
{
    ++m_generation;
    m_pending.clear();
    if (m_server) {
        // The server may be inside one of its own handlers: close the port now, delete it later.
        for (QTcpServer *tcp : m_server->servers())
            tcp->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    m_port = 0;
}

bool PlivoSandbox::isRunning() const
{
    return m_server != nullptr && m_port != 0;
}

QUrl PlivoSandbox::baseUrl() const
{
    if (!isRunning())
        return QUrl();
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

void PlivoSandbox::setFailureMode(FailureMode mode, const QString &errorText)
{
    m_failureMode = mode;
    m_failureText = errorText;
    m_failuresLeft = -1;
}

void PlivoSandbox::setFailureCount(int requests)
{
    m_failuresLeft = requests < 0 ? -1 : requests;
    if (m_failuresLeft == 0)
        m_failureMode = FailureMode::None;
}

void PlivoSandbox::setStateDelays(int sentAfterMs, int deliveredAfterMs)
{
    m_sentAfterMs = qMax(0, sentAfterMs);
    m_deliveredAfterMs = qMax(m_sentAfterMs, deliveredAfterMs);
}

void PlivoSandbox::setDeliveryOutcome(const QString &finalState, const QString &errorCode)
{
    m_finalState = finalState;
    m_finalErrorCode = errorCode;
}

void PlivoSandbox::setSlowReplyMs(int ms)
{
    m_slowReplyMs = qMax(0, ms);
}

void PlivoSandbox::setNumbers(const QStringList &numbers)
{
    static const QRegularExpression notDigit(QStringLiteral("[^0-9]"));
    m_numbers.clear();
    for (const QString &number : numbers) {
        const QString digits = QString(number).remove(notDigit);
        if (!digits.isEmpty() && !m_numbers.contains(digits))
            m_numbers.append(digits);
    }
}

QStringList PlivoSandbox::numbers() const
{
    QStringList list;
    for (const QString &digits : m_numbers)
        list.append(QLatin1Char('+') + digits);
    return list;
}

QList<PlivoSandbox::Message> PlivoSandbox::messages() const
{
    QList<Message> list;
    list.reserve(m_order.size());
    for (auto it = m_order.crbegin(); it != m_order.crend(); ++it)
        list.append(m_messages.value(*it));
    return list;
}

void PlivoSandbox::clear()
{
    ++m_generation;
    m_messages.clear();
    m_order.clear();
}

QByteArray PlivoSandbox::lastRequestHeader(const QByteArray &name) const
{
    for (const auto &header : m_lastHeaders) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return QByteArray();
}

void PlivoSandbox::store(const Message &message)
{
    m_messages.insert(message.uuid, message);
    m_order.append(message.uuid);
    Q_EMIT messageReceived(message);

    const quint64 generation = m_generation;
    const QString uuid = message.uuid;
    const QString finalState = m_finalState;
    const QString finalCode = m_finalErrorCode;
    QTimer::singleShot(m_sentAfterMs, this, [this, uuid, generation] {
        advance(uuid, QStringLiteral("sent"), QString(), generation);
    });
    QTimer::singleShot(m_deliveredAfterMs, this, [this, uuid, finalState, finalCode, generation] {
        advance(uuid, finalState, finalCode, generation);
    });
}

void PlivoSandbox::advance(const QString &uuid,
                           const QString &state,
                           const QString &errorCode,
                           quint64 generation)
{
    if (generation != m_generation)
        return;
    auto it = m_messages.find(uuid);
    if (it == m_messages.end() || it->state == state)
        return;
    it->state = state;
    it->errorCode = errorCode;
    Q_EMIT messageStateChanged(*it);
}

void PlivoSandbox::respond(QHttpServerResponder &responder, const Answer &answer)
{
    QTcpSocket *socket = responder.socket();
    if (!socket || !socket->isOpen())
        return;
    if (answer.drop) {
        socket->disconnectFromHost();
        return;
    }
    responder.write(
        answer.body, answer.contentType, static_cast<QHttpServerResponder::StatusCode>(answer.status));
}

void PlivoSandbox::respondLater(QHttpServerResponder &&responder, const Answer &answer, int delayMs)
{
    const quint64 id = ++m_nextPending;
    auto pending = std::make_unique<PendingAnswer>(std::move(responder));
    pending->answer = answer;
    m_pending.emplace(id, std::move(pending));
    QTimer::singleShot(delayMs, this, [this, id] {
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        std::unique_ptr<PendingAnswer> pending = std::move(it->second);
        m_pending.erase(it);
        // The client may have given up and closed the connection; its socket is gone then.
        if (pending->socket && pending->socket->state() == QAbstractSocket::ConnectedState)
            respond(pending->responder, pending->answer);
    });
}
