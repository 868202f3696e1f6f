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

using Answer = HostedLoginClient::Answer;

/// Runs @p work, storing its time in @p ms; returns what it returned.
template<typename Work>
auto timed(double &ms, Work &&work)
{
    QElapsedTimer timer;
    timer.start();
    auto result = work();
    ms = double(timer.nsecsElapsed()) / 1e6;
    return result;
}

/// Prints why a login stopped at @p where; false.
bool fail(const char *where, const Answer &answer)
{
    std::fprintf(stderr,
                 "%s: HTTP %d %s %s\n",
                 where,
                 answer.status,
                 qPrintable(answer.location),
                 answer.body.left(300).constData());
    return false;
}

bool onPage(const Answer &answer, const char *path)
{
    return answer.status == 200 && answer.url.startsWith(QLatin1String(path));
}

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
    const QString authorize = QStringLiteral("/authorize?")
        + QString::fromLatin1(formOf({{QStringLiteral("client_id"), clientId},
                                      {QStringLiteral("response_type"), QStringLiteral("code")},
                                      {QStringLiteral("redirect_uri"), QString::fromLatin1(kCallback)},
                                      {QStringLiteral("scope"), QStringLiteral("openid profile email")},
                                      {QStringLiteral("state"), QStringLiteral("bench-state")},
                                      {QStringLiteral("nonce"), QStringLiteral("bench-nonce")},
                                      {QStringLiteral("code_challenge"), QString::fromLatin1(kChallenge)},
                                      {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}}));
    const Answer started = timed(login.stepMs[Authorize], [&] { return get(authorize); });
    if (started.status != 302 || !started.location.startsWith(QLatin1String("/u/login")))
        return fail("GET /authorize", started);
    const Answer loginPage
        = timed(login.stepMs[LoginPage], [&] { return open(started.location, login.hops); });
    if (!onPage(loginPage, "/u/login"))
        return fail("GET /u/login", loginPage);
    const Answer passwordAnswer = timed(login.stepMs[Password], [&] {
        return post(loginPage.url,
                    formOf({{QStringLiteral("username"), email},
                            {QStringLiteral("password"), password},
                            {QStringLiteral("action"), QStringLiteral("default")},
                            {QStringLiteral("csrf"), csrfOf(loginPage.body)}}));
    });
    if (passwordAnswer.status != 302)
        return fail("POST /u/login", passwordAnswer);
    // Without a second factor, the password sends the browser back to the application.
    const bool secondFactor = !passwordAnswer.location.startsWith(QLatin1String(kCallback));
    if (secondFactor && !passwordAnswer.location.startsWith(QLatin1String("/u/")))
        return fail("POST /u/login", passwordAnswer);
    const std::optional<Answer> back
        = secondFactor ? passSecondFactor(passwordAnswer.location, phone, readCode, login) : passwordAnswer;
    if (!back)
        return false;
    const QString authorizationCode
        = QUrlQuery(QUrl(back->location).query()).queryItemValue(QStringLiteral("code"));
    if (back->status != 302 || !back->location.startsWith(QLatin1String(kCallback))
        || authorizationCode.isEmpty())
        return fail(secondFactor ? "POST /u/mfa-sms-challenge" : "POST /u/login", *back);
    const Answer token = timed(login.stepMs[Token], [&] {
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

std::optional<Answer> HostedLoginClient::passSecondFactor(const QString &location,
                                                          const QString &phone,
                                                          const CodeReader &readCode,
                                                          Login &login)
{
    Answer challengePage = timed(login.stepMs[ChallengePage], [&] { return open(location, login.hops); });
    if (onPage(challengePage, "/u/mfa-phone-enrollment")) {
        // The first login: enroll the phone (not a measured login).
        const Answer enrolled = post(challengePage.url,
                                     formOf({{QStringLiteral("country"), QStringLiteral("US")},
                                             {QStringLiteral("phone"), phone},
                                             {QStringLiteral("action"), QStringLiteral("default")},
                                             {QStringLiteral("csrf"), csrfOf(challengePage.body)}}));
        challengePage = open(enrolled.location, login.hops);
    }
    if (!onPage(challengePage, "/u/mfa-sms-challenge")) {
        fail("the page after the password", challengePage);
        return std::nullopt;
    }
    const QString code = timed(login.stepMs[ReadCode], [&] { return readCode(phone); });
    if (code.isEmpty()) {
        fail("the sandbox has no code", {});
        return std::nullopt;
    }
    return timed(login.stepMs[Code], [&] {
        Answer answer = post(challengePage.url,
                             formOf({{QStringLiteral("code"), code},
                                     {QStringLiteral("action"), QStringLiteral("default")},
                                     {QStringLiteral("csrf"), csrfOf(challengePage.body)}}));
        if (answer.status != 302 || !answer.location.startsWith(QLatin1String("/u/")))
            return answer;
        ++login.hops; // a page again, not the application: the page then sends the browser on
        return open(answer.location, login.hops);
    });
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
