#include "HostedLoginClient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>

namespace {

constexpr auto kCallback = "http://localhost:3000";
/// RFC 7636's example verifier and its S256 challenge.
constexpr auto kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr auto kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

} // namespace

HostedLoginClient::HostedLoginClient(const QUrl &base)
    : m_base(base.toString())
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void HostedLoginClient::forgetCookies()
{
    m_network.setCookieJar(new QNetworkCookieJar);
}

void HostedLoginClient::setBase(const QUrl &base)
{
    m_base = base.toString();
}

HostedLoginClient::Answer
HostedLoginClient::send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body)
{
    QNetworkRequest request(QUrl(m_base + pathAndQuery));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/x-www-form-urlencoded"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    Answer answer;
    answer.url = pathAndQuery;
    if (reply->isFinished()) {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.location = QString::fromUtf8(reply->rawHeader("Location"));
    }
    reply->deleteLater();
    return answer;
}

QByteArray HostedLoginClient::formOf(const QList<QPair<QString, QString>> &fields)
{
    QByteArray form;
    for (const auto &[name, value] : fields) {
        if (!form.isEmpty())
            form += '&';
        form += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return form;
}

QString HostedLoginClient::csrfOf(const QByteArray &page)
{
    static const QRegularExpression field(QStringLiteral(R"(name="csrf"\s+value="([^"]+)\")"));
    return field.match(QString::fromUtf8(page)).captured(1);
}

HostedLoginClient::Answer HostedLoginClient::open(const QString &path, int &hops)
{
    Answer answer = get(path);
    while (answer.status == 302 && answer.location.startsWith(QLatin1String("/u/")) && hops < 20) {
        ++hops;
        answer = get(answer.location);
    }
    return answer;
}

bool HostedLoginClient::logIn(const QString &clientId,
                              const QString &email,
                              const QString &password,
                              const QString &phone,
                              const CodeReader &readCode,
                              Login &login)
{
    QElapsedTimer timer;
    const auto step = [&](Step which, auto &&work) {
        timer.start();
        auto result = work();
        login.stepMs[which] = double(timer.nsecsElapsed()) / 1e6;
        return result;
    };
    const auto fail = [](const char *where, const Answer &answer) {
        std::fprintf(stderr,
                     "%s: HTTP %d %s %s\n",
                     where,
                     answer.status,
                     qPrintable(answer.location),
                     answer.body.left(300).constData());
        return false;
    };
    const auto onPage = [](const Answer &answer, const char *path) {
        return answer.status == 200 && answer.url.startsWith(QLatin1String(path));
    };
    const QString authorize = QStringLiteral("/authorize?")
        + QString::fromLatin1(formOf({{QStringLiteral("client_id"), clientId},
                                      {QStringLiteral("response_type"), QStringLiteral("code")},
                                      {QStringLiteral("redirect_uri"), QString::fromLatin1(kCallback)},
                                      {QStringLiteral("scope"), QStringLiteral("openid profile email")},
                                      {QStringLiteral("state"), QStringLiteral("bench-state")},
                                      {QStringLiteral("nonce"), QStringLiteral("bench-nonce")},
                                      {QStringLiteral("code_challenge"), QString::fromLatin1(kChallenge)},
                                      {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}}));
    const Answer started = step(Authorize, [&] { return get(authorize); });
    if (started.status != 302 || !started.location.startsWith(QLatin1String("/u/login")))
        return fail("GET /authorize", started);
    const Answer loginPage = step(LoginPage, [&] { return open(started.location, login.hops); });
    if (!onPage(loginPage, "/u/login"))
        return fail("GET /u/login", loginPage);
    const Answer passwordAnswer = step(Password, [&] {
        return post(loginPage.url,
                    formOf({{QStringLiteral("username"), email},
                            {QStringLiteral("password"), password},
                            {QStringLiteral("action"), QStringLiteral("default")},
                            {QStringLiteral("csrf"), csrfOf(loginPage.body)}}));
    });
    if (passwordAnswer.status != 302 || !passwordAnswer.location.startsWith(QLatin1String("/u/")))
        return fail("POST /u/login", passwordAnswer);
    Answer challengePage = step(ChallengePage, [&] { return open(passwordAnswer.location, login.hops); });
    if (onPage(challengePage, "/u/mfa-phone-enrollment")) {
        // The first login: enroll the phone (not a measured login).
        const Answer enrolled = post(challengePage.url,
                                     formOf({{QStringLiteral("country"), QStringLiteral("US")},
                                             {QStringLiteral("phone"), phone},
                                             {QStringLiteral("action"), QStringLiteral("default")},
                                             {QStringLiteral("csrf"), csrfOf(challengePage.body)}}));
        challengePage = open(enrolled.location, login.hops);
    }
    if (!onPage(challengePage, "/u/mfa-sms-challenge"))
        return fail("the page after the password", challengePage);
    const QString code = step(ReadCode, [&] { return readCode(phone); });
    if (code.isEmpty())
        return fail("the sandbox has no code", {});
    Answer back = step(Code, [&] {
        Answer answer = post(challengePage.url,
                             formOf({{QStringLiteral("code"), code},
                                     {QStringLiteral("action"), QStringLiteral("default")},
                                     {QStringLiteral("csrf"), csrfOf(challengePage.body)}}));
        if (answer.status != 302 || !answer.location.startsWith(QLatin1String("/u/")))
            return answer;
        ++login.hops; // a page again, not the application: the page then sends the browser on
        return open(answer.location, login.hops);
    });
    const QString authorizationCode
        = QUrlQuery(QUrl(back.location).query()).queryItemValue(QStringLiteral("code"));
    if (back.status != 302 || !back.location.startsWith(QLatin1String(kCallback))
        || authorizationCode.isEmpty())
        return fail("POST /u/mfa-sms-challenge", back);
    const Answer token = step(Token, [&] {
        return post(QStringLiteral("/oauth/token"),
                    formOf({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                            {QStringLiteral("client_id"), clientId},
                            {QStringLiteral("code"), authorizationCode},
                            {QStringLiteral("code_verifier"), QString::fromLatin1(kVerifier)},
                            {QStringLiteral("redirect_uri"), QString::fromLatin1(kCallback)}}));
    });
    const QJsonObject tokens = QJsonDocument::fromJson(token.body).object();
    if (token.status != 200
        || tokens.value(QLatin1String("id_token")).toString().count(QLatin1Char('.')) != 2)
        return fail("POST /oauth/token", token);
    return true;
}

void HostedLoginClient::report(const char *what, QList<double> values)
{
    std::sort(values.begin(), values.end());
    const auto at
        = [&values](double q) { return values.at(qMin(values.size() - 1, qsizetype(q * values.size()))); };
    std::printf("%-38s median %8.3f ms   p95 %8.3f ms   min %8.3f ms\n",
                what,
                at(0.5),
                at(0.95),
                values.constFirst());
}
