#include "core/tokens/Jwt.h"
#include "core/tokens/TokenCodec.h"
#include "tests/support/ResultText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <optional>

namespace {

QByteArray part(const QByteArray &json)
{
    return TokenCodec::base64Url(json);
}

QByteArray part(const QJsonObject &object)
{
    return part(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const QJsonObject kPayload {{QStringLiteral("sub"), QStringLiteral("auth0|demo")},
                            {QStringLiteral("aud"), QStringLiteral("client-1")},
                            {QStringLiteral("exp"), 1900000000}};

/// A token with the header and payload parts given and a signature part of @p signatureChars 'A's.
QByteArray tokenOfParts(const QByteArray &header, const QByteArray &payload, int signatureChars)
{
    return header + '.' + payload + '.' + QByteArray(signatureChars, 'A');
}

/// A well-formed token of exactly @p size bytes (its signature made up).
QByteArray tokenOfSize(int size)
{
    const QByteArray header = part(QJsonObject {{QStringLiteral("alg"), QStringLiteral("RS256")}});
    for (int padding = size / 2;; ++padding) {
        const QByteArray payload
            = part(QJsonObject {{QStringLiteral("pad"), QString(padding, QLatin1Char('x'))}});
        const int signatureChars = size - int(header.size() + payload.size()) - 2;
        if (signatureChars % 4 != 1) // a length base64url can have
            return tokenOfParts(header, payload, signatureChars);
    }
}

/**
 * @brief kPayload under @p header, signed with RS256 by @p key whatever the header says: the signature
 *        is sound, so only the checks of the header can refuse the token.
 */
QByteArray signedUnder(const QJsonObject &header, const SigningKey &key)
{
    const QByteArray input = part(header) + '.' + part(kPayload);
    const Result<QByteArray> signature = key.signRs256(input);
    if (!EXPECT_OK(signature))
        return {};
    return QByteArray(input + '.' + TokenCodec::base64Url(signature.value()));
}

} // namespace

class TestJwt final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signedTokenVerifies();
    void verifyPicksTheKeyByKid();
    void verifyAcceptsOtherHeaderMembers();
    void publicJwkKeyVerifies();
    void decodeTakesTheTokenApart();
    void decodeAcceptsExactlyTheLongestToken();
    void decodeRefuses_data();
    void decodeRefuses();
    void verifyRefuses_data();
    void verifyRefuses();
    void signRefusesAPublicKey();

private:
    std::optional<SigningKey> m_key;
    std::optional<SigningKey> m_otherKey;
    QByteArray m_token; ///< kPayload signed by m_key
};

void TestJwt::initTestCase()
{
    Result<SigningKey> key = SigningKey::generate();
    QVERIFY2(key, errorBytes(key));
    m_key = key.takeValue();
    Result<SigningKey> other = SigningKey::generate();
    QVERIFY2(other, errorBytes(other));
    m_otherKey = other.takeValue();
    const Result<QByteArray> token = Jwt::sign(kPayload, *m_key);
    QVERIFY2(token, errorBytes(token));
    m_token = token.value();
}

void TestJwt::signedTokenVerifies()
{
    const Result<QJsonObject> payload = Jwt::verify(m_token, {*m_key});
    QVERIFY2(payload, errorBytes(payload));
    QCOMPARE(payload.value(), kPayload);
}

void TestJwt::verifyPicksTheKeyByKid()
{
    const Result<QByteArray> token = Jwt::sign(kPayload, *m_otherKey);
    QVERIFY2(token, errorBytes(token));
    const Result<QJsonObject> payload = Jwt::verify(token.value(), {*m_key, *m_otherKey});
    QVERIFY2(payload, errorBytes(payload));
    QCOMPARE(payload.value(), kPayload);
}

void TestJwt::verifyAcceptsOtherHeaderMembers()
{
    const QJsonObject header {{QStringLiteral("alg"), QStringLiteral("RS256")},
                              {QStringLiteral("kid"), m_key->keyId()},
                              {QStringLiteral("typ"), QStringLiteral("at+jwt")},
                              {QStringLiteral("cty"), QStringLiteral("JSON")}};
    const Result<QJsonObject> payload = Jwt::verify(signedUnder(header, *m_key), {*m_otherKey, *m_key});
    QVERIFY2(payload, errorBytes(payload));
    QCOMPARE(payload.value(), kPayload);
}

void TestJwt::publicJwkKeyVerifies()
{
    const Result<SigningKey> published = SigningKey::fromPublicJwk(m_key->publicJwk());
    QVERIFY2(published, errorBytes(published));
    const Result<QJsonObject> payload = Jwt::verify(m_token, {published.value()});
    QVERIFY2(payload, errorBytes(payload));
    QCOMPARE(payload.value(), kPayload);
}

void TestJwt::decodeTakesTheTokenApart()
{
    const Result<Jwt::Decoded> decoded = Jwt::decode(m_token);
    QVERIFY2(decoded, errorBytes(decoded));
    const QJsonObject header {{QStringLiteral("alg"), QStringLiteral("RS256")},
                              {QStringLiteral("typ"), QStringLiteral("JWT")},
                              {QStringLiteral("kid"), m_key->keyId()}};
    QCOMPARE(decoded.value().header, header);
    QCOMPARE(decoded.value().payload, kPayload);
    QCOMPARE(decoded.value().signingInput, m_token.left(m_token.lastIndexOf('.')));
    QCOMPARE(decoded.value().signature.size(), SigningKey::GeneratedBits / 8);
    QVERIFY(m_key->verifyRs256(decoded.value().signingInput, decoded.value().signature));
}

void TestJwt::decodeAcceptsExactlyTheLongestToken()
{
    const QByteArray token = tokenOfSize(Jwt::MaxTokenBytes);
    QCOMPARE(token.size(), Jwt::MaxTokenBytes);
    const Result<Jwt::Decoded> decoded = Jwt::decode(token);
    QVERIFY2(decoded, errorBytes(decoded));
}

void TestJwt::decodeRefuses_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("refusal");

    const QList<QByteArray> parts = m_token.split('.');
    const QByteArray &header = parts.at(0);
    const QByteArray &payload = parts.at(1);
    const QByteArray &signature = parts.at(2);
    const QByteArray dot(".");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("this one has 1");
    QTest::newRow("2 parts") << header + dot + payload
                             << QStringLiteral("three parts separated by dots; this one has 2");
    QTest::newRow("4 parts") << m_token + dot + signature << QStringLiteral("this one has 4");
    QTest::newRow("empty header") << dot + payload + dot + signature << QStringLiteral("header is empty");
    QTest::newRow("empty payload") << header + dot + dot + signature << QStringLiteral("payload is empty");
    QTest::newRow("empty signature (alg none style)")
        << header + dot + payload + dot << QStringLiteral("signature is empty");
    QTest::newRow("header in standard base64")
        << header + "+/" + dot + payload + dot + signature << QStringLiteral("header is not base64url");
    QTest::newRow("payload with padding")
        << header + dot + part("{}") + "==" + dot + signature << QStringLiteral("payload is not base64url");
    QTest::newRow("payload with a stray character")
        << header + dot + payload + 'A' + dot + signature << QStringLiteral("payload is not");
    QTest::newRow("signature with a space")
        << header + dot + payload + dot + "ab cd" << QStringLiteral("signature is not base64url");
    QTest::newRow("header not JSON") << part("alg:RS256") + dot + payload + dot + signature
                                     << QStringLiteral("header is not JSON");
    QTest::newRow("header a string") << part("\"RS256\"") + dot + payload + dot + signature
                                     << QStringLiteral("header is not");
    QTest::newRow("payload an array")
        << header + dot + part("[1,2]") + dot + signature << QStringLiteral("payload is not a JSON object");
    QTest::newRow("payload cut JSON")
        << header + dot + part("{\"sub\":") + dot + signature << QStringLiteral("payload is not JSON");
    QTest::newRow("binary") << QByteArray("\x00\xff.\x80.\x01", 6)
                            << QStringLiteral("header is not base64url");
    QTest::newRow("one byte over 16 KiB")
        << tokenOfSize(Jwt::MaxTokenBytes + 1) << QStringLiteral("longer than 16384 bytes");
    QTest::newRow("a megabyte of dots")
        << QByteArray(1 << 20, '.') << QStringLiteral("longer than 16384 bytes");
}

void TestJwt::decodeRefuses()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, refusal);
    const Result<Jwt::Decoded> decoded = Jwt::decode(token);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().kind(), Error::Kind::Invalid);
    QVERIFY2(decoded.error().message().contains(refusal), errorBytes(decoded));
    // verify() refuses what decode() refuses, for the same reason.
    const Result<QJsonObject> verified = Jwt::verify(token, {*m_key});
    QVERIFY(!verified);
    QCOMPARE(verified.error().message(), decoded.error().message());
}

void TestJwt::verifyRefuses_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("refusal");

    const QString kid = m_key->keyId();
    const auto header = [&kid](const QString &alg) {
        return QJsonObject {{QStringLiteral("alg"), alg},
                            {QStringLiteral("typ"), QStringLiteral("JWT")},
                            {QStringLiteral("kid"), kid}};
    };
    QJsonObject noAlg = header(QString());
    noAlg.remove(QStringLiteral("alg"));
    QJsonObject noKid = header(QStringLiteral("RS256"));
    noKid.remove(QStringLiteral("kid"));
    QJsonObject critical = header(QStringLiteral("RS256"));
    critical.insert(QStringLiteral("crit"), QJsonArray {QStringLiteral("exp")});
    QJsonObject numericKid = header(QStringLiteral("RS256"));
    numericKid.insert(QStringLiteral("kid"), 7);

    const int lastDot = int(m_token.lastIndexOf('.'));
    QByteArray tamperedPayload = m_token;
    const QByteArray otherPayload = part(QJsonObject {{QStringLiteral("sub"), QStringLiteral("auth0|admin")},
                                                      {QStringLiteral("aud"), QStringLiteral("client-1")},
                                                      {QStringLiteral("exp"), 1900000000}});
    tamperedPayload.replace(m_token.indexOf('.') + 1, lastDot - m_token.indexOf('.') - 1, otherPayload);
    QByteArray tamperedSignature = m_token;
    const int middle = lastDot + 100;
    tamperedSignature[middle] = tamperedSignature.at(middle) == 'A' ? 'B' : 'A';

    const Result<QByteArray> byOther = Jwt::sign(kPayload, *m_otherKey);
    QVERIFY2(byOther, errorBytes(byOther));
    // The other key's signature under a header that names m_key.
    const QByteArray forged = signedUnder(header(QStringLiteral("RS256")), *m_otherKey);

    const QString only = QStringLiteral("only RS256 is accepted");
    QTest::newRow("alg none") << signedUnder(header(QStringLiteral("none")), *m_key)
                              << QStringLiteral("signed with none; ") + only;
    QTest::newRow("alg HS256") << signedUnder(header(QStringLiteral("HS256")), *m_key)
                               << QStringLiteral("signed with HS256; ") + only;
    QTest::newRow("alg rs256 in lower case") << signedUnder(header(QStringLiteral("rs256")), *m_key) << only;
    QTest::newRow("alg PS256") << signedUnder(header(QStringLiteral("PS256")), *m_key) << only;
    QTest::newRow("no alg") << signedUnder(noAlg, *m_key) << QStringLiteral("names no algorithm");
    QTest::newRow("crit header") << signedUnder(critical, *m_key) << QStringLiteral("(crit)");
    QTest::newRow("no kid") << signedUnder(noKid, *m_key) << QStringLiteral("names no key (kid)");
    QTest::newRow("kid a number") << signedUnder(numericKid, *m_key) << QStringLiteral("names no key (kid)");
    QTest::newRow("unknown kid")
        << byOther.value()
        << QStringLiteral("key %1 is not one of the signing keys").arg(m_otherKey->keyId());
    QTest::newRow("tampered payload") << tamperedPayload << QStringLiteral("signature does not match");
    QTest::newRow("tampered signature") << tamperedSignature << QStringLiteral("signature does not match");
    QTest::newRow("signed by another key under this kid")
        << forged << QStringLiteral("signature does not match");
}

void TestJwt::verifyRefuses()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, refusal);
    const Result<QJsonObject> payload = Jwt::verify(token, {*m_key});
    QVERIFY(!payload);
    QCOMPARE(payload.error().kind(), Error::Kind::Invalid);
    QVERIFY2(payload.error().message().contains(refusal), errorBytes(payload));
}

void TestJwt::signRefusesAPublicKey()
{
    const Result<SigningKey> published = SigningKey::fromPublicJwk(m_key->publicJwk());
    QVERIFY2(published, errorBytes(published));
    const Result<QByteArray> token = Jwt::sign(kPayload, published.value());
    QVERIFY(!token);
    QVERIFY2(token.error().message().contains(QLatin1String("cannot sign")), errorBytes(token));
}

QTEST_APPLESS_MAIN(TestJwt)
#include "TestJwt.moc"
