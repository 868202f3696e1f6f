// The Management API's user writes over real HTTP (the reads are TestManagementApiUserReads): create, block
// or unblock, delete, the Phone Message enrollment (users/{id}/enrollments, guardian/enrollments/{id}) and
// the removal of a user's authenticators. A write through the API is the service's own write: the same stored
// row, the same signal, the same sapi log event.

#include "LoginServerFixture.h"
#include "core/applications/ClientGrantService.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/server/ManagementApi.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

class TestManagementApiUsers : public QObject
{
    Q_OBJECT

private:
    LoginServerFixture *m_fixture = nullptr;
    LoginServerFixture::MachineClient m_machine;
    LoginServerFixture &f() { return *m_fixture; }
    UserStore &users() { return f().tenant().users(); }
    /// A token allowed every scope of the Management API.
    QByteArray m_token;
    HttpAnswer call(const QByteArray &method, const QString &path, const QByteArray &body = {});
    /// The id of the user with @p email; empty when there is none.
    QString idOf(const QString &email);
    /// The newest sapi event, with the user's id and email in its path and object replaced by {id}, {email}.
    QJsonObject lastSapi(const QString &id, const QString &email);

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void createsAUser();
    void createRefusalsChangeNothing_data();
    void createRefusalsChangeNothing();
    void writesAreTheServicesWrites_data();
    void writesAreTheServicesWrites();
    void patchRefusalsChangeNothing_data();
    void patchRefusalsChangeNothing();
    void showsAndRemovesThePhoneEnrollment();
    void scopesAreChecked_data();
    void scopesAreChecked();
};

void TestManagementApiUsers::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestManagementApiUsers::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = new LoginServerFixture;
    QVERIFY(f().start());
    m_machine = f().addMachineClient();
    QVERIFY(!m_machine.clientId.isEmpty());
    QVERIFY(f().tenant().clientGrants().create(
        m_machine.clientId, f().managementAudience(), ManagementApi::knownScopes()));
    const HttpAnswer token = f().clientCredentials(m_machine);
    QCOMPARE(token.status, 200);
    m_token = "Bearer " + token.json().value(QLatin1String("access_token")).toString().toLatin1();
}

void TestManagementApiUsers::cleanup()
{
    delete m_fixture;
    m_fixture = nullptr;
}

HttpAnswer TestManagementApiUsers::call(const QByteArray &method, const QString &path, const QByteArray &body)
{
    return f().send(method, path, body, {{"Authorization", m_token}, {"Content-Type", "application/json"}});
}

QString TestManagementApiUsers::idOf(const QString &email)
{
    auto found = users().findByEmail(email);
    return found && found.value() ? found.value()->id : QString();
}

QJsonObject TestManagementApiUsers::lastSapi(const QString &id, const QString &email)
{
    LogFilter filter;
    filter.type = QStringLiteral("sapi");
    filter.limit = 1;
    auto events = f().tenant().logs().query(filter);
    if (!events || events.value().isEmpty())
        return {};
    const LogEvent &event = events.value().constFirst();
    const QJsonObject request = event.details.value(QLatin1String("request")).toObject();
    return {
        {QStringLiteral("description"), event.description},
        {QStringLiteral("method"), request.value(QLatin1String("method"))},
        {QStringLiteral("path"),
         request.value(QLatin1String("path")).toString().replace(id, QStringLiteral("{id}"))},
        {QStringLiteral("object"),
         event.details.value(QLatin1String("object")).toString().replace(email, QStringLiteral("{email}"))},
        {QStringLiteral("user_id"), QString(event.userId).replace(id, QStringLiteral("{id}"))},
        {QStringLiteral("status"),
         event.details.value(QLatin1String("response")).toObject().value(QLatin1String("statusCode"))}};
}

void TestManagementApiUsers::createsAUser()
{
    QSignalSpy added(&users(), &UserStore::userAdded);
    QSignalSpy blocked(&users(), &UserStore::blockedChanged);
    const HttpAnswer answer = call("POST",
                                   QStringLiteral("/api/v2/users"),
                                   R"({"email":"grace@example.com","password":"a long enough password",)"
                                   R"("connection":"Username-Password-Authentication","blocked":true})");
    QCOMPARE(answer.status, 201);
    const QString id = answer.json().value(QLatin1String("user_id")).toString();
    QCOMPARE(id, idOf(QStringLiteral("grace@example.com")));
    QCOMPARE(answer.json().value(QLatin1String("blocked")).toBool(), true);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.first().at(1).value<UserStore::Origin>(), UserStore::Origin::Admin);
    QCOMPARE(blocked.count(), 1);
    const User stored = users().find(id).value();
    QVERIFY(stored.blocked);
    QVERIFY(UserStore::checkPassword(stored, QStringLiteral("a long enough password")));
    QVERIFY(!answer.body.contains("password"));
}

void TestManagementApiUsers::createRefusalsChangeNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("named"); // a part of the message

    const QByteArray connection = R"("connection":"Username-Password-Authentication")";
    QTest::newRow("taken email, any case")
        << R"({"email":"ADA@example.com","password":"another password 1",)" + connection + "}" << 409
        << "auth0_idp_error"
        << "The user already exists.";
    QTest::newRow("weak password") << R"({"email":"new@example.com","password":"short",)" + connection + "}"
                                   << 400 << "invalid_body"
                                   << "weak";
    QTest::newRow("malformed email") << R"({"email":"not an email","password":"a long enough password",)"
            + connection + "}" << 400 << "invalid_body"
                                     << "";
    QTest::newRow("no connection") << QByteArray(
        R"({"email":"new@example.com","password":"a long enough password"})")
                                   << 400 << "invalid_body"
                                   << "connection";
    QTest::newRow("another connection") << QByteArray(
        R"({"email":"new@example.com","password":"a long enough password","connection":"google-oauth2"})")
                                        << 400 << "inexistent_connection"
                                        << "Username-Password-Authentication";
    QTest::newRow("no password") << R"({"email":"new@example.com",)" + connection + "}" << 400
                                 << "invalid_body"
                                 << "password";
    QTest::newRow("a field Authdeck does not hold")
        << R"({"email":"new@example.com","password":"a long enough password","user_metadata":{},)"
            + connection + "}"
        << 400 << "invalid_body"
        << "user_metadata";
    QTest::newRow("blocked is not a boolean")
        << R"({"email":"new@example.com","password":"a long enough password","blocked":"yes",)" + connection
            + "}"
        << 400 << "invalid_body"
        << "blocked";
    QTest::newRow("an array") << QByteArray("[]") << 400 << "invalid_body"
                              << "connection";
    QTest::newRow("malformed JSON") << QByteArray(R"({"email":)") << 400 << ""
                                    << "";
}

void TestManagementApiUsers::createRefusalsChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    QFETCH(QString, named);
    QSignalSpy added(&users(), &UserStore::userAdded);
    const int before = users().count().value();
    const HttpAnswer answer = call("POST", QStringLiteral("/api/v2/users"), body);
    QCOMPARE(answer.status, status);
    if (!errorCode.isEmpty()) {
        QCOMPARE(answer.json().value(QLatin1String("statusCode")).toInt(), status);
        QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(), errorCode);
        QVERIFY2(answer.json().value(QLatin1String("message")).toString().contains(named),
                 answer.body.constData());
    }
    QCOMPARE(users().count().value(), before);
    QCOMPARE(added.count(), 0);
    // The server still answers.
    QCOMPARE(call("GET", QStringLiteral("/api/v2/users")).status, 200);
}

void TestManagementApiUsers::writesAreTheServicesWrites_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // %1: the user's id
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("operation");

    QTest::newRow("block") << QByteArray("PATCH") << "/api/v2/users/%1" << QByteArray(R"({"blocked":true})")
                           << 200 << "block";
    QTest::newRow("unblock") << QByteArray("PATCH") << "/api/v2/users/%1"
                             << QByteArray(R"({"blocked":false})") << 200 << "unblock";
    QTest::newRow("delete") << QByteArray("DELETE") << "/api/v2/users/%1" << QByteArray() << 204 << "remove";
    QTest::newRow("delete the authenticators")
        << QByteArray("DELETE") << "/api/v2/users/%1/authenticators" << QByteArray() << 204 << "resetMfa";
    QTest::newRow("delete the authentication methods")
        << QByteArray("DELETE") << "/api/v2/users/%1/authentication-methods" << QByteArray() << 204
        << "resetMfa";
    QTest::newRow("delete the guardian enrollment")
        << QByteArray("DELETE") << "/api/v2/guardian/enrollments/sms%7Cdev_%2" << QByteArray() << 204
        << "resetMfa";
}

void TestManagementApiUsers::writesAreTheServicesWrites()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, operation);
    // Two users alike: one changed through the API, one through the service.
    QString ids[2];
    QString emails[2] = {QStringLiteral("by-api@example.com"), QStringLiteral("by-service@example.com")};
    for (int i = 0; i < 2; ++i) {
        QVERIFY(users().create(emails[i], QString::fromLatin1(f().Password)));
        ids[i] = idOf(emails[i]);
        QVERIFY(users().enrollPhone(ids[i], QStringLiteral("+15554443232")));
        if (operation == QLatin1String("unblock"))
            QVERIFY(users().block(ids[i]));
    }
    QJsonObject sapi[2];
    std::optional<User> rows[2];
    QList<int> counts[2];
    for (int i = 0; i < 2; ++i) {
        QSignalSpy changed(&users(), &UserStore::userChanged);
        QSignalSpy blocked(&users(), &UserStore::blockedChanged);
        QSignalSpy reset(&users(), &UserStore::mfaReset);
        QSignalSpy removed(&users(), &UserStore::userRemoved);
        if (i == 0) {
            const QString target
                = QString(path)
                      .replace(QLatin1String("%1"), QString::fromLatin1(QUrl::toPercentEncoding(ids[0])))
                      .replace(QLatin1String("%2"), ids[0].mid(6));
            const HttpAnswer answer = call(method, target, body);
            QCOMPARE(answer.status, status);
            if (method == "PATCH")
                QCOMPARE(answer.json().value(QLatin1String("user_id")).toString(), ids[0]);
            else
                QVERIFY(answer.body.isEmpty());
        } else if (operation == QLatin1String("block")) {
            QVERIFY(users().block(ids[1]));
        } else if (operation == QLatin1String("unblock")) {
            QVERIFY(users().unblock(ids[1]));
        } else if (operation == QLatin1String("remove")) {
            QVERIFY(users().remove(ids[1]));
        } else {
            QVERIFY(users().resetMfa(ids[1]));
        }
        counts[i] = {int(changed.count()), int(blocked.count()), int(reset.count()), int(removed.count())};
        sapi[i] = lastSapi(ids[i], emails[i]);
        auto row = users().find(ids[i]);
        if (row)
            rows[i] = row.value();
    }
    QCOMPARE(counts[0], counts[1]);
    QVERIFY(counts[0] != (QList<int> {0, 0, 0, 0}));
    QCOMPARE(sapi[0], sapi[1]);
    QVERIFY(!sapi[0].isEmpty());
    QCOMPARE(rows[0].has_value(), rows[1].has_value());
    if (rows[0]) {
        QCOMPARE(rows[0]->blocked, rows[1]->blocked);
        QCOMPARE(rows[0]->phoneNumber, rows[1]->phoneNumber);
        QCOMPARE(rows[0]->isEnrolled(), operation != QLatin1String("resetMfa"));
    }
}

void TestManagementApiUsers::patchRefusalsChangeNothing_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("named");

    QTest::newRow("an immutable field")
        << "/api/v2/users/%1" << QByteArray(R"({"blocked":true,"user_id":"x"})") << 400 << "invalid_body"
        << "user_id";
    QTest::newRow("an unknown field")
        << "/api/v2/users/%1" << QByteArray(R"({"blocked":true,"nickname":"x"})") << 400 << "invalid_body"
        << "nickname";
    QTest::newRow("the email") << "/api/v2/users/%1"
                               << QByteArray(R"({"blocked":true,"email":"new@example.com"})") << 400
                               << "operation_not_supported"
                               << "email";
    QTest::newRow("the password") << "/api/v2/users/%1" << QByteArray(R"({"password":"a new long password"})")
                                  << 400 << "operation_not_supported"
                                  << "password";
    QTest::newRow("blocked is not a boolean")
        << "/api/v2/users/%1" << QByteArray(R"({"blocked":1})") << 400 << "invalid_body"
        << "blocked";
    QTest::newRow("another connection")
        << "/api/v2/users/%1" << QByteArray(R"({"blocked":true,"connection":"email"})") << 400
        << "inexistent_connection"
        << "Username-Password-Authentication";
    QTest::newRow("no such user") << "/api/v2/users/auth0%7Cnobody" << QByteArray(R"({"blocked":true})")
                                  << 404 << "inexistent_user"
                                  << "does not exist";
    QTest::newRow("malformed JSON") << "/api/v2/users/%1" << QByteArray(R"({"blocked":tr)") << 400 << ""
                                    << "";
}

void TestManagementApiUsers::patchRefusalsChangeNothing()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    QFETCH(QString, named);
    const QString id = idOf(QString::fromLatin1(f().Email));
    const User before = users().find(id).value();
    QSignalSpy changed(&users(), &UserStore::userChanged);
    const HttpAnswer answer
        = call("PATCH",
               path.contains(QLatin1String("%1")) ? path.arg(QString::fromLatin1(QUrl::toPercentEncoding(id)))
                                                  : path,
               body);
    QCOMPARE(answer.status, status);
    if (!errorCode.isEmpty()) {
        QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(), errorCode);
        QVERIFY2(answer.json().value(QLatin1String("message")).toString().contains(named),
                 answer.body.constData());
    }
    QCOMPARE(changed.count(), 0);
    const User after = users().find(id).value();
    QCOMPARE(after.blocked, before.blocked);
    QCOMPARE(after.email, before.email);
    QCOMPARE(after.passwordHash, before.passwordHash);
}

void TestManagementApiUsers::showsAndRemovesThePhoneEnrollment()
{
    const QString id = idOf(QString::fromLatin1(f().Email));
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(id));
    const HttpAnswer none = call("GET", QStringLiteral("/api/v2/users/%1/enrollments").arg(encoded));
    QCOMPARE(none.status, 200);
    QCOMPARE(QJsonDocument::fromJson(none.body).array().size(), 0);

    QVERIFY(users().enrollPhone(id, QStringLiteral("+15554443232")));
    const HttpAnswer listed = call("GET", QStringLiteral("/api/v2/users/%1/enrollments").arg(encoded));
    QCOMPARE(listed.status, 200);
    const QJsonArray enrollments = QJsonDocument::fromJson(listed.body).array();
    QCOMPARE(enrollments.size(), 1);
    const QJsonObject enrollment = enrollments.first().toObject();
    const QString enrollmentId = enrollment.value(QLatin1String("id")).toString();
    QCOMPARE(enrollmentId, QStringLiteral("sms|dev_") + id.mid(6));
    QCOMPARE(enrollment.value(QLatin1String("status")).toString(), QStringLiteral("confirmed"));
    QCOMPARE(enrollment.value(QLatin1String("type")).toString(), QStringLiteral("sms"));
    QCOMPARE(enrollment.value(QLatin1String("phone_number")).toString(), QStringLiteral("+1******3232"));
    QVERIFY(!listed.body.contains("5554443232"));
    QCOMPARE(
        QDateTime::fromString(enrollment.value(QLatin1String("enrolled_at")).toString(), Qt::ISODateWithMs),
        users().find(id).value().phoneEnrolledAt);
    QVERIFY(call("GET", QStringLiteral("/api/v2/users/") + encoded)
                .json()
                .value(QLatin1String("multifactor"))
                .toArray()
                .contains(QStringLiteral("guardian")));

    const QString guardianPath = QStringLiteral("/api/v2/guardian/enrollments/")
        + QString::fromLatin1(QUrl::toPercentEncoding(enrollmentId));
    const HttpAnswer one = call("GET", guardianPath);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json(), enrollment);
    QSignalSpy reset(&users(), &UserStore::mfaReset);
    QCOMPARE(call("DELETE", guardianPath).status, 204);
    QCOMPARE(reset.count(), 1);
    QVERIFY(!users().find(id).value().isEnrolled());
    const HttpAnswer gone = call("GET", guardianPath);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("inexistent_enrollment"));
    QCOMPARE(call("DELETE", guardianPath).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/api/v2/guardian/enrollments/totp%7Cdev_1")).status, 404);
    QCOMPARE(call("POST", QStringLiteral("/api/v2/guardian/enrollments/ticket"), "{}")
                 .json()
                 .value(QLatin1String("errorCode"))
                 .toString(),
             QStringLiteral("not_supported"));
}

void TestManagementApiUsers::scopesAreChecked_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // %1: the fixture user's id
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("scope");

    QTest::newRow("list") << QByteArray("GET") << "/api/v2/users" << QByteArray() << "read:users";
    QTest::newRow("get") << QByteArray("GET") << "/api/v2/users/%1" << QByteArray() << "read:users";
    QTest::newRow("enrollments") << QByteArray("GET") << "/api/v2/users/%1/enrollments" << QByteArray()
                                 << "read:users";
    QTest::newRow("create") << QByteArray("POST") << "/api/v2/users"
                            << QByteArray(R"({"email":"new@example.com","password":"a long enough password",)"
                                          R"("connection":"Username-Password-Authentication"})")
                            << "create:users";
    QTest::newRow("block") << QByteArray("PATCH") << "/api/v2/users/%1" << QByteArray(R"({"blocked":true})")
                           << "update:users";
    QTest::newRow("delete") << QByteArray("DELETE") << "/api/v2/users/%1" << QByteArray() << "delete:users";
    QTest::newRow("authenticators") << QByteArray("DELETE") << "/api/v2/users/%1/authenticators"
                                    << QByteArray() << "delete:guardian_enrollments";
    QTest::newRow("authentication methods")
        << QByteArray("DELETE") << "/api/v2/users/%1/authentication-methods" << QByteArray()
        << "delete:authentication_methods";
    QTest::newRow("guardian enrollment") << QByteArray("GET") << "/api/v2/guardian/enrollments/sms%7Cdev_1"
                                         << QByteArray() << "read:guardian_enrollments";
    QTest::newRow("guardian enrollment removal")
        << QByteArray("DELETE") << "/api/v2/guardian/enrollments/sms%7Cdev_1" << QByteArray()
        << "delete:guardian_enrollments";
}

void TestManagementApiUsers::scopesAreChecked()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, scope);
    // Every scope but the one the route needs.
    QStringList others = ManagementApi::knownScopes();
    QVERIFY(others.removeAll(scope) == 1);
    const QString id = idOf(QString::fromLatin1(f().Email));
    QVERIFY(users().enrollPhone(id, QStringLiteral("+15554443232")));
    const HttpAnswer token = f().clientCredentials(m_machine, others.join(QLatin1Char(' ')));
    QCOMPARE(token.status, 200);
    QSignalSpy changed(&users(), &UserStore::userChanged);
    QSignalSpy added(&users(), &UserStore::userAdded);
    QSignalSpy removed(&users(), &UserStore::userRemoved);
    const HttpAnswer answer = f().send(
        method,
        path.contains(QLatin1String("%1")) ? path.arg(QString::fromLatin1(QUrl::toPercentEncoding(id)))
                                           : path,
        body,
        {{"Authorization",
          "Bearer " + token.json().value(QLatin1String("access_token")).toString().toLatin1()},
         {"Content-Type", "application/json"}});
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("insufficient_scope"));
    QVERIFY(answer.json().value(QLatin1String("message")).toString().endsWith(scope));
    QCOMPARE(changed.count() + added.count() + removed.count(), 0);
    QVERIFY(users().find(id).value().isEnrolled());
}

QTEST_MAIN(TestManagementApiUsers)
#include "TestManagementApiUsers.moc"
