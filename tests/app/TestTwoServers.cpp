// Two `authdeck-cli serve` processes on two ports over one PostgreSQL tenant, as a team runs its login
// servers: a login started on one finishes on the other (the code sent by the first is accepted by the
// second), ten wrong codes spread over both lock the user on both, and killing a server mid-login loses
// nothing the other needs. Driven over HTTP with one cookie jar, as a browser without scripts would.

#include "core/login/OtpCodes.h"
#include "tests/support/ScratchPostgres.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

#include <memory>

namespace {

const QString kCallback = QStringLiteral("http://localhost:3000");
const QString kPassword = QStringLiteral("a long enough passphrase 42");
/// RFC 7636's example verifier and its challenge.
const QString kVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
const QString kChallenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

/// One answer, as the browser saw it.
struct Answer
{
    int status = 0;
    QByteArray body;
    QString location;
};

QString csrfOf(const QByteArray &page)
{
    static const QRegularExpression field(QStringLiteral(R"(name="csrf"\s+value="([^"]+)\")"));
    return field.match(QString::fromUtf8(page)).captured(1);
}

QByteArray form(const QList<QPair<QString, QString>> &fields)
{
    QUrlQuery query;
    for (const auto &[name, value] : fields)
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return query.query(QUrl::FullyEncoded).toLatin1();
}

} // namespace

/// A browser: one cookie jar for both servers (cookies do not tell ports apart), redirects not followed.
class Browser
{
public:
    Answer send(const QString &url, const QByteArray &body = {}, bool post = false)
    {
        QNetworkRequest request {QUrl(url)};
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (post)
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *reply = post ? m_network.post(request, body) : m_network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Answer answer;
        if (reply->isFinished() || finished.wait(20000)) {
            answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer.body = reply->readAll();
            answer.location = QString::fromUtf8(reply->rawHeader("Location"));
        }
        reply->deleteLater();
        return answer;
    }

private:
    QNetworkAccessManager m_network;
};

class TestTwoServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void aLoginStartedOnOneServerFinishesOnTheOther();
    void wrongCodesOnBothServersLockTheUserOnBoth();
    void killingAServerMidLoginLosesNothing();

private:
    struct Server
    {
        std::unique_ptr<QProcess> process;
        QString base; ///< http://localhost:port
    };

    /// Starts `authdeck-cli serve` on a free port, without waiting for it to listen.
    Server launchServer();
    /// Waits until @p server listens; false (with a warning) when it did not.
    static bool listens(const Server &server);
    /// Runs authdeck-cli with @p arguments to its end; its standard output ('' and a warning on a failure).
    QByteArray cli(const QStringList &arguments);
    /// How many messages the test phones of the tenant hold, and the code of the last one.
    std::pair<int, QString> phone();
    /// Waits for a message after the first @p seen and puts its code in @p code (a failure when none came).
    void nextCode(int seen, QString *code);
    /// /authorize on @p server, followed to the first hosted page; that page's address (with its state).
    QString authorize(Browser &browser, const Server &server);
    /// The state parameter of a hosted page's address.
    static QString stateOf(const QString &pageUrl);
    /// Exchanges @p code at @p server's /oauth/token; the token response.
    QJsonObject exchange(Browser &browser, const Server &server, const QString &code);
    /// Signs @p email up on @p server and enrolls a phone on @p enrollOn: the state of the login, now on its
    /// challenge with a code sent (its count on the phone in @p sent).
    QString signUpAndEnroll(
        Browser &browser, const Server &server, const Server &enrollOn, const QString &email, int *sent);

    QString m_cli;
    std::unique_ptr<ScratchPostgres> m_database;
    QString m_clientId;
    Server m_first;
    Server m_second;
    QString m_lockedEmail; ///< the user of the first test, enrolled
};

TestTwoServers::Server TestTwoServers::launchServer()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return {std::make_unique<QProcess>(), QString()};
    const quint16 port = probe.serverPort();
    probe.close();
    Server server {std::make_unique<QProcess>(), QStringLiteral("http://localhost:%1").arg(port)};
    server.process->setProcessChannelMode(QProcess::MergedChannels);
    server.process->start(m_cli,
                          {QStringLiteral("serve"),
                           QStringLiteral("--tenant"),
                           m_database->url(),
                           QStringLiteral("--port"),
                           QString::number(port)});
    return server;
}

bool TestTwoServers::listens(const Server &server)
{
    QByteArray output;
    while (!output.contains("Login server listening on")) {
        if (!server.process->waitForReadyRead(30000)) {
            qWarning("authdeck-cli serve did not start: %s", output.constData());
            return false;
        }
        output += server.process->readAll();
    }
    return true;
}

QByteArray TestTwoServers::cli(const QStringList &arguments)
{
    QProcess process;
    process.start(m_cli, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning("authdeck-cli %s failed: %s",
                 qPrintable(arguments.join(QLatin1Char(' '))),
                 process.readAllStandardError().constData());
        return {};
    }
    return process.readAllStandardOutput();
}

std::pair<int, QString> TestTwoServers::phone()
{
    const QList<QByteArray> lines = cli({QStringLiteral("test-phone"),
                                         QStringLiteral("--tenant"),
                                         m_database->url(),
                                         QStringLiteral("--json")})
                                        .split('\n');
    int count = 0;
    QString code;
    static const QRegularExpression sixDigits(QStringLiteral("\\b(\\d{6})\\b"));
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        ++count;
        code = sixDigits.match(QJsonDocument::fromJson(line).object().value(QLatin1String("text")).toString())
                   .captured(1);
    }
    return {count, code};
}

void TestTwoServers::nextCode(int seen, QString *code)
{
    // The step that sent the code answered once the send was done; the phones may still be a moment behind.
    std::pair<int, QString> now;
    QTRY_VERIFY_WITH_TIMEOUT((now = phone()).first > seen, 10000);
    *code = now.second;
}

QString TestTwoServers::stateOf(const QString &pageUrl)
{
    return QUrlQuery(QUrl(pageUrl).query()).queryItemValue(QStringLiteral("state"));
}

QString TestTwoServers::authorize(Browser &browser, const Server &server)
{
    QUrlQuery query;
    query.setQueryItems({{QStringLiteral("client_id"), m_clientId},
                         {QStringLiteral("response_type"), QStringLiteral("code")},
                         {QStringLiteral("redirect_uri"), kCallback},
                         {QStringLiteral("scope"), QStringLiteral("openid profile email")},
                         {QStringLiteral("state"), QStringLiteral("st4te")},
                         {QStringLiteral("nonce"), QStringLiteral("n0nce")},
                         {QStringLiteral("code_challenge"), kChallenge},
                         {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}});
    const Answer answer
        = browser.send(server.base + QStringLiteral("/authorize?") + query.toString(QUrl::FullyEncoded));
    if (answer.status != 302 || !answer.location.startsWith(QLatin1String("/u/login?state="))) {
        qWarning("/authorize answered %d: %s", answer.status, answer.body.left(300).constData());
        return {};
    }
    return answer.location;
}

QJsonObject TestTwoServers::exchange(Browser &browser, const Server &server, const QString &code)
{
    const Answer answer
        = browser.send(server.base + QStringLiteral("/oauth/token"),
                       form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                             {QStringLiteral("client_id"), m_clientId},
                             {QStringLiteral("code"), code},
                             {QStringLiteral("code_verifier"), kVerifier},
                             {QStringLiteral("redirect_uri"), kCallback}}),
                       true);
    return QJsonDocument::fromJson(answer.body).object();
}

QString TestTwoServers::signUpAndEnroll(
    Browser &browser, const Server &server, const Server &enrollOn, const QString &email, int *sent)
{
    const QString login = authorize(browser, server);
    const QString state = stateOf(login);
    if (state.isEmpty())
        return {};
    const Answer signupPage = browser.send(server.base + QStringLiteral("/u/signup?state=") + state);
    const QString csrf = csrfOf(signupPage.body);
    const Answer signedUp = browser.send(server.base + QStringLiteral("/u/signup?state=") + state,
                                         form({{QStringLiteral("email"), email},
                                               {QStringLiteral("password"), kPassword},
                                               {QStringLiteral("csrf"), csrf}}),
                                         true);
    if (!signedUp.location.startsWith(QLatin1String("/u/mfa-phone-enrollment"))) {
        qWarning("the sign-up went to %s (%d)", qPrintable(signedUp.location), signedUp.status);
        return {};
    }
    // The next page on the other server: the login is in the tenant's database, not in the first process.
    const Answer enrollPage = browser.send(enrollOn.base + signedUp.location);
    if (enrollPage.status != 200 || !enrollPage.body.contains("enroll-form")) {
        qWarning("the enrollment page answered %d", enrollPage.status);
        return {};
    }
    *sent = phone().first;
    const Answer enrolled = browser.send(enrollOn.base + signedUp.location,
                                         form({{QStringLiteral("country"), QStringLiteral("US")},
                                               {QStringLiteral("phone"), QStringLiteral("2015550123")},
                                               {QStringLiteral("csrf"), csrf}}),
                                         true);
    if (!enrolled.location.startsWith(QLatin1String("/u/mfa-sms-challenge"))) {
        qWarning("the enrollment went to %s (%d)", qPrintable(enrolled.location), enrolled.status);
        return {};
    }
    return state;
}

void TestTwoServers::initTestCase()
{
    if (const QString why = StoreEngine::unavailable(StoreEngine::postgres()); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_cli = qEnvironmentVariable("AUTHDECK_CLI");
    QVERIFY2(QFileInfo(m_cli).isExecutable(), "AUTHDECK_CLI names no authdeck-cli");
    m_database = std::make_unique<ScratchPostgres>();
    QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
    const QByteArray config = cli({QStringLiteral("demo"), QStringLiteral("--tenant"), m_database->url()});
    m_clientId = QJsonDocument::fromJson(config.trimmed().split('\n').last())
                     .object()
                     .value(QLatin1String("clientId"))
                     .toString();
    QVERIFY2(!m_clientId.isEmpty(), config.constData());
    // Both at once, on a tenant without signing keys: one makes them while it holds SigningKeyRing's lock,
    // and the other finds them (each server's JWKS is checked below for the key the other signed with).
    m_first = launchServer();
    m_second = launchServer();
    QVERIFY(listens(m_first));
    QVERIFY(listens(m_second));
}

void TestTwoServers::cleanupTestCase()
{
    for (Server *server : {&m_first, &m_second}) {
        if (server->process && server->process->state() != QProcess::NotRunning) {
            server->process->terminate();
            QVERIFY(server->process->waitForFinished(20000));
        }
    }
}

void TestTwoServers::aLoginStartedOnOneServerFinishesOnTheOther()
{
    Browser browser;
    m_lockedEmail = QStringLiteral("two-servers-%1@authdeck.test").arg(QDateTime::currentMSecsSinceEpoch());
    int sent = 0;
    const QString state = signUpAndEnroll(browser, m_second, m_first, m_lockedEmail, &sent);
    QVERIFY(!state.isEmpty());
    // The code the first server sent, answered on the second.
    QString code;
    nextCode(sent, &code);
    QVERIFY(!code.isEmpty());
    const QString challenge = QStringLiteral("/u/mfa-sms-challenge?state=") + state;
    const Answer page = browser.send(m_second.base + challenge);
    QCOMPARE(page.status, 200);
    const Answer answered
        = browser.send(m_second.base + challenge,
                       form({{QStringLiteral("code"), code}, {QStringLiteral("csrf"), csrfOf(page.body)}}),
                       true);
    QVERIFY2(answered.location.startsWith(kCallback), qPrintable(answered.location));
    const QUrlQuery back(QUrl(answered.location).query());
    QCOMPARE(back.queryItemValue(QStringLiteral("state")), QStringLiteral("st4te"));
    // The second server's code, redeemed on the first: signed with the keys both servers share.
    const QJsonObject tokens = exchange(browser, m_first, back.queryItemValue(QStringLiteral("code")));
    QVERIFY2(tokens.contains(QLatin1String("id_token")), QJsonDocument(tokens).toJson().constData());
    const QJsonObject header
        = QJsonDocument::fromJson(QByteArray::fromBase64(tokens.value(QLatin1String("id_token"))
                                                             .toString()
                                                             .section(QLatin1Char('.'), 0, 0)
                                                             .toLatin1(),
                                                         QByteArray::Base64UrlEncoding))
              .object();
    for (const Server *server : {&m_first, &m_second}) {
        const QJsonObject jwks
            = QJsonDocument::fromJson(
                  browser.send(server->base + QStringLiteral("/.well-known/jwks.json")).body)
                  .object();
        QStringList kids;
        for (const QJsonValue &key : jwks.value(QLatin1String("keys")).toArray())
            kids.append(key.toObject().value(QLatin1String("kid")).toString());
        QVERIFY2(kids.contains(header.value(QLatin1String("kid")).toString()),
                 qPrintable(kids.join(QLatin1Char(' '))));
    }
}

void TestTwoServers::wrongCodesOnBothServersLockTheUserOnBoth()
{
    QVERIFY2(!m_lockedEmail.isEmpty(), "the first test made no user");
    Browser browser;
    const QString login = authorize(browser, m_first);
    QVERIFY(!login.isEmpty());
    const Answer loginPage = browser.send(m_first.base + login);
    const QString csrf = csrfOf(loginPage.body);
    const int sent = phone().first;
    const Answer loggedIn = browser.send(m_first.base + login,
                                         form({{QStringLiteral("username"), m_lockedEmail},
                                               {QStringLiteral("password"), kPassword},
                                               {QStringLiteral("csrf"), csrf}}),
                                         true);
    QVERIFY2(loggedIn.location.startsWith(QLatin1String("/u/mfa-sms-challenge")),
             qPrintable(loggedIn.location));
    QString code;
    nextCode(sent, &code);
    QVERIFY(!code.isEmpty());
    const QString wrong
        = code == QLatin1String("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    for (int i = 1; i <= OtpCodes::kMaxFailures; ++i) {
        const Server &server = i % 2 ? m_first : m_second;
        const Answer answered
            = browser.send(server.base + loggedIn.location,
                           form({{QStringLiteral("code"), wrong}, {QStringLiteral("csrf"), csrf}}),
                           true);
        QCOMPARE(answered.status, 302);
        const Answer page = browser.send(server.base + answered.location);
        const QByteArray expected
            = i < OtpCodes::kMaxFailures ? "The code you entered is invalid" : "Too many failed codes";
        QVERIFY2(page.body.contains(expected),
                 qPrintable(QStringLiteral("wrong code %1 on %2").arg(i).arg(server.base)));
    }
    // Locked on both: the right code is refused by either server.
    for (const Server *server : {&m_first, &m_second}) {
        const Answer answered
            = browser.send(server->base + loggedIn.location,
                           form({{QStringLiteral("code"), code}, {QStringLiteral("csrf"), csrf}}),
                           true);
        QVERIFY2(!answered.location.startsWith(kCallback), qPrintable(answered.location));
        QVERIFY(browser.send(server->base + answered.location).body.contains("Too many failed codes"));
    }
}

void TestTwoServers::killingAServerMidLoginLosesNothing()
{
    Browser browser;
    int sent = 0;
    const QString email = QStringLiteral("killed-%1@authdeck.test").arg(QDateTime::currentMSecsSinceEpoch());
    const QString state = signUpAndEnroll(browser, m_first, m_first, email, &sent);
    QVERIFY(!state.isEmpty());
    QString code;
    nextCode(sent, &code);
    QVERIFY(!code.isEmpty());
    // The server that ran the whole login so far goes away without a word.
    m_first.process->kill();
    QVERIFY(m_first.process->waitForFinished(10000));
    const QString challenge = QStringLiteral("/u/mfa-sms-challenge?state=") + state;
    const Answer page = browser.send(m_second.base + challenge);
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("challenge-form"));
    const Answer answered
        = browser.send(m_second.base + challenge,
                       form({{QStringLiteral("code"), code}, {QStringLiteral("csrf"), csrfOf(page.body)}}),
                       true);
    QVERIFY2(answered.location.startsWith(kCallback), qPrintable(answered.location));
    const QJsonObject tokens = exchange(
        browser, m_second, QUrlQuery(QUrl(answered.location).query()).queryItemValue(QStringLiteral("code")));
    QVERIFY2(tokens.contains(QLatin1String("access_token")), QJsonDocument(tokens).toJson().constData());
}

QTEST_GUILESS_MAIN(TestTwoServers)
#include "TestTwoServers.moc"
