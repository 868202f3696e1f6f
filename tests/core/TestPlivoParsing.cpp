#include "core/plivo/PlivoResult.h"
#include "core/plivo/PlivoTypes.h"

#include <QJsonDocument>
#include <QTest>

// Bodies shaped like the Plivo SDK fixtures (plivo-python tests/resources/fixtures, plivo-php tests/Mocks).
namespace {

const QByteArray kSendResponse = R"({
  "api_id": "948b53a2-3f08-11e7-b6f4-061564b78b75",
  "message": "message(s) queued",
  "message_uuid": [
    "5b40a428-bfc7-4daf-9d06-726c558bf3b8"
  ]
})";

const QByteArray kSendResponseWithInvalid = R"({
  "api_id": "948b53a2-3f08-11e7-b6f4-061564b78b75",
  "message": "message(s) queued",
  "message_uuid": [
    "5b40a428-bfc7-4daf-9d06-726c558bf3b8"
  ],
  "invalid_number": [
    "919012345678"
  ]
})";

const QByteArray k401 = R"({"error": "authentication credentials were not provided"})";

const QByteArray kMessageGet = R"({
  "api_id": "95747262-3f08-11e7-8bc8-065f6a74a84a",
  "error_code": null,
  "from_number": "911231231230",
  "message_direction": "outbound",
  "message_state": "sent",
  "message_time": "2017-05-22 21:36:14+05:30",
  "message_type": "sms",
  "message_uuid": "5b40a428-bfc7-4daf-9d06-726c558bf3b8",
  "resource_uri": "/v1/Account/MAXXXXXXXXXXXXXXXXXX/Message/5b40a428-bfc7-4daf-9d06-726c558bf3b8/",
  "to_number": "911231231231",
  "total_amount": "0.00250",
  "total_rate": "0.00250",
  "units": 1,
  "message_sent_time": "2024-08-21 18:28:49.244057+05:30",
  "message_updated_time": "2024-08-21 18:28:51.94772+05:30",
  "error_message": ""
})";

const QByteArray kAccountGet = R"({
  "account_type": "standard",
  "address": "",
  "api_id": "95e1df78-3f08-11e7-8bc8-065f6a74a84a",
  "auth_id": "MAXXXXXXXXXXXXXXXXXX",
  "auto_recharge": false,
  "billing_mode": "prepaid",
  "cash_credits": "4.88860",
  "city": "",
  "name": "Sherlock Holmes",
  "resource_uri": "/v1/Account/MAXXXXXXXXXXXXXXXXXX/",
  "state": "",
  "timezone": "Asia/Kolkata"
})";

// The third object has no "active", as in the Python fixture.
const QByteArray kNumberList = R"({
  "api_id": "114de006-1c95-11e4-8a4a-123140008edf",
  "meta": {"limit": 3, "next": "/v1/Account/MANWVLYTK4ZWU1YTY4ZT/Number/?limit=3&offset=3", "offset": 0,
           "previous": null, "total_count": 20},
  "objects": [
    {"added_on": "2014-08-05", "alias": null, "carrier": "Plivo", "number": "18135401302", "number_type": "local",
     "region": "Florida, UNITED STATES", "sms_enabled": true, "sub_account": null, "active": true,
     "country": "United States", "mms_enabled": false, "voice_enabled": true, "voice_rate": "0.00850"},
    {"added_on": "2013-01-01", "alias": "Support", "carrier": "Plivo", "number": "14153661106",
     "number_type": "local", "sms_enabled": false, "active": true, "country": "United States",
     "voice_enabled": true},
    {"added_on": "2013-03-25", "alias": "", "carrier": "Plivo", "number": "14152753408", "number_type": "tollfree",
     "region": "California, UNITED STATES", "sms_enabled": true, "sub_account": null, "country": "United States",
     "toll_free_sms_verification": "verified", "voice_enabled": true}
  ]
})";

const QByteArray kHtml = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";

QByteArray withErrorCode(const QByteArray &code)
{
    QByteArray body = kMessageGet;
    return body.replace("\"error_code\": null", QByteArray("\"error_code\": " + code))
        .replace("\"message_state\": \"sent\"", "\"message_state\": \"delivered\"");
}

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

using Status = PlivoResult::Status;
using Operation = PlivoResult::Operation;
Q_DECLARE_METATYPE(PlivoResult::Status)
Q_DECLARE_METATYPE(PlivoResult::Operation)

class TestPlivoParsing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void sendResponses();
    void errorWithoutApiId();
    void message_data();
    void message();
    void messageFinalStates_data();
    void messageFinalStates();
    void errorMeanings_data();
    void errorMeanings();
    void account();
    void accountWithNumericCredits();
    void notAnAccount();
    void numberList();
    void authIds_data();
    void authIds();
    void failures_data();
    void failures();
    void messagesAreActionable_data();
    void messagesAreActionable();
};

void TestPlivoParsing::classify_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<int>("http");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Status>("status");
    QTest::addColumn<bool>("outcomeUnknown");

    const QByteArray error = R"({"api_id": "a1", "error": "some error"})";
    QTest::newRow("send 202") << Operation::SendSms << 202 << kSendResponse << Status::Accepted << false;
    QTest::newRow("send 202 with invalid_number")
        << Operation::SendSms << 202 << kSendResponseWithInvalid << Status::Accepted << false;
    QTest::newRow("send 202 without message_uuid")
        << Operation::SendSms << 202 << QByteArray(R"({"api_id":"a","message":"message(s) queued"})")
        << Status::BadReply << true;
    QTest::newRow("send 202 html") << Operation::SendSms << 202 << kHtml << Status::BadReply << true;
    QTest::newRow("send 202 empty") << Operation::SendSms << 202 << QByteArray() << Status::BadReply << true;
    QTest::newRow("send 200 with uuid") << Operation::SendSms << 200 << kSendResponse << Status::Ok << false;
    QTest::newRow("send 401 no api_id")
        << Operation::SendSms << 401 << k401 << Status::BadCredentials << false;
    QTest::newRow("send 400") << Operation::SendSms << 400 << error << Status::Rejected << false;
    QTest::newRow("send 403 geo") << Operation::SendSms << 403 << error << Status::GeoBlocked << false;
    QTest::newRow("send 404") << Operation::SendSms << 404 << error << Status::NotFound << false;
    QTest::newRow("send 405") << Operation::SendSms << 405 << error << Status::Rejected << false;
    QTest::newRow("send 409") << Operation::SendSms << 409 << error << Status::Rejected << false;
    QTest::newRow("send 422") << Operation::SendSms << 422 << error << Status::Rejected << false;
    QTest::newRow("send 429 json") << Operation::SendSms << 429 << error << Status::RateLimited << false;
    QTest::newRow("send 429 empty") << Operation::SendSms << 429 << QByteArray() << Status::RateLimited
                                    << false;
    QTest::newRow("send 429 html") << Operation::SendSms << 429 << kHtml << Status::RateLimited << false;
    QTest::newRow("send 500") << Operation::SendSms << 500 << error << Status::ServerError << false;
    QTest::newRow("send 503 html") << Operation::SendSms << 503 << kHtml << Status::ServerError << false;
    QTest::newRow("send 302") << Operation::SendSms << 302 << QByteArray() << Status::BadReply << false;
    QTest::newRow("message 200") << Operation::GetMessage << 200 << kMessageGet << Status::Ok << false;
    QTest::newRow("message 200 html") << Operation::GetMessage << 200 << kHtml << Status::BadReply << false;
    QTest::newRow("message 200 array")
        << Operation::GetMessage << 200 << QByteArray("[]") << Status::BadReply << false;
    QTest::newRow("message 200 without uuid")
        << Operation::GetMessage << 200 << QByteArray(R"({"api_id":"a"})") << Status::BadReply << false;
    QTest::newRow("message 404") << Operation::GetMessage << 404 << error << Status::NotFound << false;
    QTest::newRow("account 200") << Operation::GetAccount << 200 << kAccountGet << Status::Ok << false;
    QTest::newRow("account 200 not an account")
        << Operation::GetAccount << 200 << kSendResponse << Status::BadReply << false;
    QTest::newRow("account 401") << Operation::GetAccount << 401 << k401 << Status::BadCredentials << false;
    QTest::newRow("numbers 200") << Operation::ListNumbers << 200 << kNumberList << Status::Ok << false;
    QTest::newRow("numbers 200 without objects")
        << Operation::ListNumbers << 200 << kAccountGet << Status::BadReply << false;
}

void TestPlivoParsing::classify()
{
    QFETCH(Operation, operation);
    QFETCH(int, http);
    QFETCH(QByteArray, body);
    QFETCH(Status, status);
    QFETCH(bool, outcomeUnknown);

    const PlivoResult result = PlivoResult::fromHttp(operation, http, body);
    QCOMPARE(PlivoResult::statusName(result.status()), PlivoResult::statusName(status));
    QCOMPARE(result.httpStatus(), http);
    QCOMPARE(result.succeeded(), status == Status::Accepted || status == Status::Ok);
    QCOMPARE(result.outcomeUnknown(), outcomeUnknown);
    QCOMPARE(result.operation(), operation);
    QVERIFY(result.requestSent());
    QVERIFY(!result.message().isEmpty());
}

void TestPlivoParsing::sendResponses()
{
    const PlivoResult single = PlivoResult::fromHttp(Operation::SendSms, 202, kSendResponse);
    QCOMPARE(single.apiId(), QStringLiteral("948b53a2-3f08-11e7-b6f4-061564b78b75"));
    QCOMPARE(single.messageUuids(), QStringList {QStringLiteral("5b40a428-bfc7-4daf-9d06-726c558bf3b8")});
    QVERIFY(single.invalidNumbers().isEmpty());
    QVERIFY(single.plivoError().isEmpty());
    QCOMPARE(single.body().value(QLatin1String("message")).toString(), QStringLiteral("message(s) queued"));
    QVERIFY2(single.message().contains(QLatin1String("queued")), qPrintable(single.message()));

    const PlivoResult partial = PlivoResult::fromHttp(Operation::SendSms, 202, kSendResponseWithInvalid);
    QCOMPARE(partial.messageUuids().size(), 1);
    QCOMPARE(partial.invalidNumbers(), QStringList {QStringLiteral("919012345678")});

    const PlivoResult several
        = PlivoResult::fromHttp(Operation::SendSms,
                                202,
                                R"({"api_id":"x","message":"message(s) queued","message_uuid":["u1","u2"]})");
    QCOMPARE(several.messageUuids(), (QStringList {QStringLiteral("u1"), QStringLiteral("u2")}));
}

void TestPlivoParsing::errorWithoutApiId()
{
    const PlivoResult result = PlivoResult::fromHttp(Operation::SendSms, 401, k401);
    QCOMPARE(result.status(), Status::BadCredentials);
    QVERIFY(result.apiId().isEmpty());
    QCOMPARE(result.plivoError(), QStringLiteral("authentication credentials were not provided"));
    QCOMPARE(
        result.message(),
        QStringLiteral("Plivo refused the credentials (401): authentication credentials were not provided. "
                       "Check the Auth ID and Auth Token."));

    const PlivoResult noBody = PlivoResult::fromHttp(Operation::GetAccount, 401, QByteArray());
    QCOMPARE(
        noBody.message(),
        QStringLiteral("Plivo refused the credentials (401): authentication failed. Check the Auth ID and "
                       "Auth Token."));

    const PlivoResult long400 = PlivoResult::fromHttp(
        Operation::SendSms,
        400,
        R"({"api_id":"f7c6","error":"text parameter length exceeds 737 unicode characters"})");
    QCOMPARE(long400.apiId(), QStringLiteral("f7c6"));
    QCOMPARE(long400.plivoError(), QStringLiteral("text parameter length exceeds 737 unicode characters"));
    QVERIFY(long400.message().contains(long400.plivoError()));
}

void TestPlivoParsing::message_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<bool>("final");

    QTest::newRow("error_code null") << kMessageGet << QStringLiteral("sent") << QString() << false;
    QTest::newRow("error_code \"000\"")
        << withErrorCode("\"000\"") << QStringLiteral("delivered") << QStringLiteral("000") << true;
    QTest::newRow("error_code \"200\"")
        << withErrorCode("\"200\"") << QStringLiteral("delivered") << QStringLiteral("200") << true;
    QTest::newRow("error_code 30 (int)")
        << withErrorCode("30") << QStringLiteral("delivered") << QStringLiteral("30") << true;
}

void TestPlivoParsing::message()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, state);
    QFETCH(QString, errorCode);
    QFETCH(bool, final);

    const std::optional<PlivoMessage> message = PlivoMessage::fromJson(object(body));
    QVERIFY(message);
    QCOMPARE(message->uuid, QStringLiteral("5b40a428-bfc7-4daf-9d06-726c558bf3b8"));
    QCOMPARE(message->state, state);
    QCOMPARE(message->errorCode, errorCode);
    QCOMPARE(message->from, QStringLiteral("911231231230"));
    QCOMPARE(message->to, QStringLiteral("911231231231"));
    QCOMPARE(message->direction, QStringLiteral("outbound"));
    QCOMPARE(message->units, 1);
    QCOMPARE(message->time, QStringLiteral("2017-05-22 21:36:14+05:30"));
    QCOMPARE(message->isFinal(), final);
    QCOMPARE(message->errorMeaning().isEmpty(), errorCode.isEmpty());
}

void TestPlivoParsing::messageFinalStates_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("final");
    QTest::newRow("queued") << QStringLiteral("queued") << false;
    QTest::newRow("sent") << QStringLiteral("sent") << false;
    QTest::newRow("received") << QStringLiteral("received") << false;
    QTest::newRow("delivered") << QStringLiteral("delivered") << true;
    QTest::newRow("undelivered") << QStringLiteral("undelivered") << true;
    QTest::newRow("failed") << QStringLiteral("failed") << true;
    QTest::newRow("rejected") << QStringLiteral("rejected") << true;
    QTest::newRow("read") << QStringLiteral("read") << true;
    QTest::newRow("unknown") << QStringLiteral("pending") << false;
}

void TestPlivoParsing::messageFinalStates()
{
    QFETCH(QString, state);
    QFETCH(bool, final);
    PlivoMessage message;
    message.state = state;
    QCOMPARE(message.isFinal(), final);
}

void TestPlivoParsing::errorMeanings_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("contains");
    QTest::newRow("none") << QString() << QString();
    QTest::newRow("000") << QStringLiteral("000") << QStringLiteral("delivered");
    QTest::newRow("30 spam") << QStringLiteral("30") << QStringLiteral("spam");
    QTest::newRow("80 temporary") << QStringLiteral("80") << QStringLiteral("temporarily unavailable");
    QTest::newRow("200 opt-out") << QStringLiteral("200") << QStringLiteral("opted out");
    QTest::newRow("420 expired") << QStringLiteral("420") << QStringLiteral("expired");
    QTest::newRow("450 geo") << QStringLiteral("450") << QStringLiteral("geo permissions");
    QTest::newRow("900 credit") << QStringLiteral("900") << QStringLiteral("insufficient credit");
    QTest::newRow("unknown 777") << QStringLiteral("777") << QStringLiteral("delivery failed (code 777)");
    QTest::newRow("unknown text") << QStringLiteral("E12") << QStringLiteral("delivery failed (code E12)");
}

void TestPlivoParsing::errorMeanings()
{
    QFETCH(QString, code);
    QFETCH(QString, contains);
    PlivoMessage message;
    message.errorCode = code;
    const QString meaning = message.errorMeaning();
    if (contains.isEmpty())
        QVERIFY(meaning.isEmpty());
    else
        QVERIFY2(meaning.contains(contains), qPrintable(meaning));
    QCOMPARE(PlivoMessage::errorCodeMeaning(code), meaning);
}

void TestPlivoParsing::account()
{
    const std::optional<PlivoAccount> account = PlivoAccount::fromJson(object(kAccountGet));
    QVERIFY(account);
    QCOMPARE(account->authId, QStringLiteral("MAXXXXXXXXXXXXXXXXXX"));
    QCOMPARE(account->name, QStringLiteral("Sherlock Holmes"));
    QCOMPARE(account->accountType, QStringLiteral("standard"));
    QCOMPARE(account->cashCredits, QStringLiteral("4.88860"));
    QCOMPARE(account->billingMode, QStringLiteral("prepaid"));
}

void TestPlivoParsing::accountWithNumericCredits()
{
    QByteArray body = kAccountGet;
    body.replace("\"cash_credits\": \"4.88860\"", "\"cash_credits\": 4.8886");
    const std::optional<PlivoAccount> account = PlivoAccount::fromJson(object(body));
    QVERIFY(account);
    QCOMPARE(account->cashCredits, QStringLiteral("4.88860"));
}

void TestPlivoParsing::notAnAccount()
{
    QVERIFY(!PlivoAccount::fromJson(object(kSendResponse)));
    QVERIFY(!PlivoAccount::fromJson(QJsonObject()));
    QVERIFY(!PlivoMessage::fromJson(object(kAccountGet)));
    QVERIFY(!PlivoMessage::fromJson(object(kSendResponse))); // message_uuid is an array there
}

void TestPlivoParsing::numberList()
{
    const QList<PlivoNumber> numbers = PlivoNumber::listFromJson(object(kNumberList));
    QCOMPARE(numbers.size(), 3);
    QCOMPARE(numbers.at(0).number, QStringLiteral("18135401302"));
    QCOMPARE(numbers.at(0).e164(), QStringLiteral("+18135401302"));
    QCOMPARE(numbers.at(0).alias, QString());
    QCOMPARE(numbers.at(0).country, QStringLiteral("United States"));
    QCOMPARE(numbers.at(0).numberType, QStringLiteral("local"));
    QVERIFY(numbers.at(0).smsEnabled);
    QCOMPARE(numbers.at(1).alias, QStringLiteral("Support"));
    QVERIFY(!numbers.at(1).smsEnabled);
    QCOMPARE(numbers.at(2).numberType, QStringLiteral("tollfree"));
    QVERIFY(numbers.at(2).smsEnabled);

    QVERIFY(PlivoNumber::listFromJson(QJsonObject()).isEmpty());
    QVERIFY(PlivoNumber::listFromJson(object(R"({"objects":[{"alias":"no number"}]})")).isEmpty());
}

void TestPlivoParsing::authIds_data()
{
    QTest::addColumn<QString>("authId");
    QTest::addColumn<bool>("valid");
    QTest::newRow("main account") << QStringLiteral("MANWVLYTK4ZWU1YTY4ZT") << true;
    QTest::newRow("subaccount") << QStringLiteral("SAXXXXXXXXXXXXXXXXXX") << true;
    QTest::newRow("sandbox") << QStringLiteral("MASANDBOX0AUTHDECK01") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("lower case") << QStringLiteral("manwvlytk4zwu1yty4zt") << false;
    QTest::newRow("other prefix") << QStringLiteral("XANWVLYTK4ZWU1YTY4ZT") << false;
    QTest::newRow("19 characters") << QStringLiteral("MANWVLYTK4ZWU1YTY4Z") << false;
    QTest::newRow("21 characters") << QStringLiteral("MANWVLYTK4ZWU1YTY4ZTA") << false;
    QTest::newRow("trailing newline") << QStringLiteral("MANWVLYTK4ZWU1YTY4ZT\n") << false;
    QTest::newRow("slash") << QStringLiteral("MANWVLYTK4ZWU1YTY4/T") << false;
}

void TestPlivoParsing::authIds()
{
    QFETCH(QString, authId);
    QFETCH(bool, valid);
    QCOMPARE(isValidPlivoAuthId(authId), valid);
}

void TestPlivoParsing::failures_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<Status>("status");
    QTest::addColumn<bool>("requestSent");
    QTest::addColumn<bool>("outcomeUnknown");

    QTest::newRow("send timed out after sending") << Operation::SendSms << Status::TimedOut << true << true;
    QTest::newRow("send timed out before sending")
        << Operation::SendSms << Status::TimedOut << false << false;
    QTest::newRow("send lost after sending") << Operation::SendSms << Status::ConnectionLost << true << true;
    QTest::newRow("send cancelled after sending") << Operation::SendSms << Status::Cancelled << true << true;
    QTest::newRow("send cancelled before sending")
        << Operation::SendSms << Status::Cancelled << false << false;
    QTest::newRow("send could not connect")
        << Operation::SendSms << Status::CouldNotConnect << false << false;
    QTest::newRow("send refused locally") << Operation::SendSms << Status::Rejected << false << false;
    QTest::newRow("get timed out after sending")
        << Operation::GetMessage << Status::TimedOut << true << false;
    QTest::newRow("account lost") << Operation::GetAccount << Status::ConnectionLost << true << false;
}

void TestPlivoParsing::failures()
{
    QFETCH(Operation, operation);
    QFETCH(Status, status);
    QFETCH(bool, requestSent);
    QFETCH(bool, outcomeUnknown);

    const PlivoResult result
        = PlivoResult::failure(operation, status, QStringLiteral("detail text"), requestSent);
    QCOMPARE(result.status(), status);
    QCOMPARE(result.httpStatus(), 0);
    QVERIFY(!result.succeeded());
    QCOMPARE(result.outcomeUnknown(), outcomeUnknown);
    QCOMPARE(result.message().contains(QLatin1String("check the Plivo message logs")), outcomeUnknown);
}

void TestPlivoParsing::messagesAreActionable_data()
{
    QTest::addColumn<PlivoResult>("result");
    QTest::addColumn<QString>("expected");

    const QByteArray geo = R"({"api_id":"g","error":"destination country barred"})";
    QTest::newRow("geo") << PlivoResult::fromHttp(Operation::SendSms, 403, geo)
                         << QStringLiteral(
                                "Plivo blocked the request (403): destination country barred. Allow the "
                                "destination country in the geo permissions of the Plivo console.");
    QTest::newRow("rate") << PlivoResult::fromHttp(Operation::SendSms, 429, QByteArray())
                          << QStringLiteral(
                                 "Plivo is limiting the request rate of this account (429): too many "
                                 "requests. Wait a few seconds and try again.");
    QTest::newRow("server") << PlivoResult::fromHttp(Operation::GetAccount, 500, kHtml)
                            << QStringLiteral(
                                   "Plivo had a server error (500): internal server error. Try again later.");
    QTest::newRow("html") << PlivoResult::fromHttp(Operation::GetAccount, 200, kHtml)
                          << QStringLiteral(
                                 "Plivo's answer (HTTP 200) was not what Authdeck expected: the body is "
                                 "not a JSON object (it starts with \"<!DOCTYPE html><html><body><h1>502 "
                                 "Bad G\").");
    QTest::newRow("connect") << PlivoResult::failure(
        Operation::GetAccount, Status::CouldNotConnect, QStringLiteral("Connection refused"), false)
                             << QStringLiteral(
                                    "Could not connect to Plivo: Connection refused. Check the network "
                                    "connection, proxy and firewall.");
    QTest::newRow("timeout send") << PlivoResult::failure(
        Operation::SendSms, Status::TimedOut, QStringLiteral("no answer within 10 s"), true)
                                  << QStringLiteral(
                                         "Plivo did not answer in time (no answer within 10 s). The message "
                                         "may have been sent: check the Plivo message logs before sending "
                                         "it again.");
    QTest::newRow("refused locally") << PlivoResult::failure(
        Operation::SendSms, Status::Rejected, QStringLiteral("The message is empty."), false)
                                     << QStringLiteral("The request was not sent: The message is empty.");
}

void TestPlivoParsing::messagesAreActionable()
{
    QFETCH(PlivoResult, result);
    QFETCH(QString, expected);
    QCOMPARE(result.message(), expected);
}

QTEST_GUILESS_MAIN(TestPlivoParsing)
#include "TestPlivoParsing.moc"
