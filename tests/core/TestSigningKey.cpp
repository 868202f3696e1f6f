#include "core/tokens/SigningKey.h"
#include "core/tokens/TokenCodec.h"
#include "tests/support/ResultText.h"

#include <QTest>

#include <optional>

namespace {

/// RFC 7638 section 3.1: the example RSA public key and its JWK thumbprint.
const QString kRfcModulus
    = QStringLiteral("0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
                     "BJECPebWKRXjBZCiFV4n"
                     "3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
                     "FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgd"
                     "AZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_"
                     "xBniIqbw0Ls1jF44-csFCur"
                     "-kEgU8awapJzKnqDKgw");
const QString kRfcThumbprint = QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");

QJsonObject rfcJwk()
{
    return {{QStringLiteral("kty"), QStringLiteral("RSA")},
            {QStringLiteral("n"), kRfcModulus},
            {QStringLiteral("e"), QStringLiteral("AQAB")},
            {QStringLiteral("alg"), QStringLiteral("RS256")},
            {QStringLiteral("kid"), QStringLiteral("2011-04-29")}};
}

QJsonObject rfcJwkWith(const QString &member, const QJsonValue &value)
{
    QJsonObject jwk = rfcJwk();
    if (value.isUndefined())
        jwk.remove(member);
    else
        jwk.insert(member, value);
    return jwk;
}

/// @p count bytes of @p byte, then @p last, in base64url: a number of a chosen size and parity.
QString numberText(int count, char byte, char last)
{
    return QString::fromLatin1(TokenCodec::base64Url(QByteArray(count - 1, byte) + last));
}

// Test keys that must be refused; none of them signs anything.
const QByteArray kEd25519Pem
    = QByteArrayLiteral("-----BEGIN PRIVATE KEY-----\n"
                        "MC4CAQAwBQYDK2VwBCIEIP1r3Dk9A7efhB/ZXWYwooHFE52AmRYMkcca/TOef7Zs\n"
                        "-----END PRIVATE KEY-----\n");
const QByteArray kRsa512Pem
    = QByteArrayLiteral("-----BEGIN PRIVATE KEY-----\n"
                        "MIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEAxbMKEQABdeZE7jDk\n"
                        "4AEPexflYO5GG+JdSo9o2deZhsYQNy/JGYpPGc9PEP2n/bj4GyNTkxeWlQ2NR8I4\n"
                        "NTFpPQIDAQABAkA/i3m71x2hEL+tM+gNHComrZqb2lqMkejck1XnV0ZQq/2I4BKR\n"
                        "37KTXjM2rbzgXSxGq5Q9dSmn2Ovdav0C6hr9AiEA+qHEptoVhX6XN2cwgOxkA9UX\n"
                        "fTmGMcKYnZaoe6Uk3fsCIQDJ7wnYP/BmpRDOrLf5v5pvvIa3SWZVumY15Q5Iil9I\n"
                        "JwIhAPJszMlTQuPoKZ42Wq0peihW0qyWmp3BC1vK4VcPyxRHAiBOmhM077591eay\n"
                        "7Bw4xNIyiCnQEmwZFpNOiziCGAp6pQIgWCiM8aDiSYIhfhLmyAMVhJNE8rmZODkk\n"
                        "6RQ0Vhqh7wc=\n"
                        "-----END PRIVATE KEY-----\n");
const QByteArray kRsa512PublicPem
    = QByteArrayLiteral("-----BEGIN PUBLIC KEY-----\n"
                        "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAMWzChEAAXXmRO4w5OABD3sX5WDuRhvi\n"
                        "XUqPaNnXmYbGEDcvyRmKTxnPTxD9p/24+BsjU5MXlpUNjUfCODUxaT0CAwEAAQ==\n"
                        "-----END PUBLIC KEY-----\n");
const QByteArray kEncryptedPem
    = QByteArrayLiteral("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                        "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgy56XFwUf7/AICCAAw\n"
                        "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEAW+X0gb0rbtRD6ghoEwlUwEgZAM\n"
                        "calNwzFxXfrkXtNYxiRWLvhC6R4VezjCE8R8d8S5M/SaqlA7Rd+5bINpl/dwymwF\n"
                        "g3p761emgs4x88aNS8tm4CF7TMiIMR4VllENNCfkGO6UFRqisPsJzZJ7Vk3YCw51\n"
                        "CJNE+6pFdkDEaBt3Bxf4Wx8Wb/90+exDW1anR4M8EsbqJZ12oN3+jo0a0ySXMbc=\n"
                        "-----END ENCRYPTED PRIVATE KEY-----\n");

const QByteArray kInput = QByteArrayLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0");

} // namespace

class TestSigningKey final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void generatedKeySignsAndVerifies();
    void verifyRefuses_data();
    void verifyRefuses();
    void publicJwkDescribesTheKey();
    void publicJwkRebuildsThePublicKey();
    void privatePemRoundTripKeepsTheKey();
    void copiesShareTheKey();
    void thumbprintMatchesRfc7638();
    void fromPublicJwkDropsLeadingZeros();
    void fromPrivatePemRefuses_data();
    void fromPrivatePemRefuses();
    void fromPublicJwkRefuses_data();
    void fromPublicJwkRefuses();

private:
    std::optional<SigningKey> m_key;
    std::optional<SigningKey> m_otherKey;
};

void TestSigningKey::initTestCase()
{
    Result<SigningKey> key = SigningKey::generate();
    QVERIFY2(key, errorBytes(key));
    m_key = key.takeValue();
    Result<SigningKey> other = SigningKey::generate();
    QVERIFY2(other, errorBytes(other));
    m_otherKey = other.takeValue();
}

void TestSigningKey::generatedKeySignsAndVerifies()
{
    QVERIFY(m_key->hasPrivateKey());
    QCOMPARE(m_key->keyId().size(), 43); // base64url of 32 bytes
    QVERIFY(m_key->keyId() != m_otherKey->keyId());

    const Result<QByteArray> signature = m_key->signRs256(kInput);
    QVERIFY2(signature, errorBytes(signature));
    QCOMPARE(signature.value().size(), SigningKey::GeneratedBits / 8);
    QVERIFY(m_key->verifyRs256(kInput, signature.value()));
}

void TestSigningKey::verifyRefuses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("signature");

    const Result<QByteArray> signed_ = m_key->signRs256(kInput);
    QVERIFY2(signed_, errorBytes(signed_));
    const QByteArray signature = signed_.value();
    QByteArray flipped = signature;
    flipped[100] = char(flipped.at(100) ^ 0x01);
    const Result<QByteArray> byOther = m_otherKey->signRs256(kInput);
    QVERIFY2(byOther, errorBytes(byOther));

    QTest::newRow("other input") << kInput + 'x' << signature;
    QTest::newRow("one bit of the signature flipped") << kInput << flipped;
    QTest::newRow("signature cut short") << kInput << signature.left(255);
    QTest::newRow("empty signature") << kInput << QByteArray();
    QTest::newRow("signed by another key") << kInput << byOther.value();
}

void TestSigningKey::verifyRefuses()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, signature);
    QVERIFY(!m_key->verifyRs256(input, signature));
}

void TestSigningKey::publicJwkDescribesTheKey()
{
    const QJsonObject jwk = m_key->publicJwk();
    QCOMPARE(jwk.keys(),
             (QStringList {QStringLiteral("alg"),
                           QStringLiteral("e"),
                           QStringLiteral("kid"),
                           QStringLiteral("kty"),
                           QStringLiteral("n"),
                           QStringLiteral("use")}));
    QCOMPARE(jwk.value(QLatin1String("kty")).toString(), QStringLiteral("RSA"));
    QCOMPARE(jwk.value(QLatin1String("use")).toString(), QStringLiteral("sig"));
    QCOMPARE(jwk.value(QLatin1String("alg")).toString(), QStringLiteral("RS256"));
    QCOMPARE(jwk.value(QLatin1String("kid")).toString(), m_key->keyId());
    QCOMPARE(jwk.value(QLatin1String("e")).toString(), QStringLiteral("AQAB"));
    const auto modulus = TokenCodec::fromBase64Url(jwk.value(QLatin1String("n")).toString().toLatin1());
    QVERIFY(modulus);
    QCOMPARE(modulus->size(), 256);
    QVERIFY(modulus->at(0) != 0);
}

void TestSigningKey::publicJwkRebuildsThePublicKey()
{
    const Result<SigningKey> rebuilt = SigningKey::fromPublicJwk(m_key->publicJwk());
    QVERIFY2(rebuilt, errorBytes(rebuilt));
    QVERIFY(!rebuilt.value().hasPrivateKey());
    QCOMPARE(rebuilt.value().keyId(), m_key->keyId());
    QCOMPARE(rebuilt.value().publicJwk(), m_key->publicJwk());
    QVERIFY(rebuilt.value().privatePem().isEmpty());

    const Result<QByteArray> signature = m_key->signRs256(kInput);
    QVERIFY2(signature, errorBytes(signature));
    QVERIFY(rebuilt.value().verifyRs256(kInput, signature.value()));

    const Result<QByteArray> refused = rebuilt.value().signRs256(kInput);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Invalid);
    QVERIFY2(refused.error().message().contains(QLatin1String("public key only")), errorBytes(refused));
}

void TestSigningKey::privatePemRoundTripKeepsTheKey()
{
    const QByteArray pem = m_key->privatePem();
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    const Result<SigningKey> imported = SigningKey::fromPrivatePem(pem);
    QVERIFY2(imported, errorBytes(imported));
    QVERIFY(imported.value().hasPrivateKey());
    QCOMPARE(imported.value().keyId(), m_key->keyId());
    QCOMPARE(imported.value().privatePem(), pem);

    const Result<QByteArray> byImported = imported.value().signRs256(kInput);
    QVERIFY2(byImported, errorBytes(byImported));
    QVERIFY(m_key->verifyRs256(kInput, byImported.value()));
}

void TestSigningKey::copiesShareTheKey()
{
    std::optional<SigningKey> original = SigningKey(*m_key);
    SigningKey assigned = *m_otherKey;
    assigned = *original;
    SigningKey moved = std::move(*original);
    original.reset(); // the copies keep the key alive on their own

    for (const SigningKey *key : {&assigned, &moved}) {
        QCOMPARE(key->keyId(), m_key->keyId());
        const Result<QByteArray> signature = key->signRs256(kInput);
        QVERIFY2(signature, errorBytes(signature));
        QVERIFY(m_key->verifyRs256(kInput, signature.value()));
    }
}

void TestSigningKey::thumbprintMatchesRfc7638()
{
    const Result<SigningKey> key = SigningKey::fromPublicJwk(rfcJwk());
    QVERIFY2(key, errorBytes(key));
    QCOMPARE(key.value().keyId(), kRfcThumbprint); // the JWK's own kid is not kept
    QCOMPARE(key.value().publicJwk().value(QLatin1String("n")).toString(), kRfcModulus);
    QCOMPARE(key.value().publicJwk().value(QLatin1String("e")).toString(), QStringLiteral("AQAB"));
}

void TestSigningKey::fromPublicJwkDropsLeadingZeros()
{
    const auto modulus = TokenCodec::fromBase64Url(kRfcModulus.toLatin1());
    QVERIFY(modulus);
    const QString padded = QString::fromLatin1(TokenCodec::base64Url(QByteArray(2, '\0') + *modulus));
    const Result<SigningKey> key = SigningKey::fromPublicJwk(rfcJwkWith(QStringLiteral("n"), padded));
    QVERIFY2(key, errorBytes(key));
    QCOMPARE(key.value().keyId(), kRfcThumbprint);
    QCOMPARE(key.value().publicJwk().value(QLatin1String("n")).toString(), kRfcModulus);
}

void TestSigningKey::fromPrivatePemRefuses_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QString>("refusal");

    const QString notPem = QStringLiteral("not an unencrypted PEM private key");
    QTest::newRow("empty") << QByteArray() << notPem;
    QTest::newRow("garbage") << QByteArrayLiteral("\x01\xff garbage\n\0 text") << notPem;
    QTest::newRow("truncated") << m_key->privatePem().left(400) << notPem;
    QTest::newRow("structure damaged") << m_key->privatePem().replace(28, 4, "AAAA") << notPem;
    QTest::newRow("modulus damaged") << m_key->privatePem().replace(200, 8, "AAAAAAAA")
                                     << QStringLiteral("not a consistent RSA key pair");
    QTest::newRow("public key") << kRsa512PublicPem << notPem;
    QTest::newRow("encrypted, never asks for a passphrase") << kEncryptedPem << notPem;
    QTest::newRow("Ed25519 key") << kEd25519Pem << QStringLiteral("not an RSA key");
    QTest::newRow("512-bit RSA key") << kRsa512Pem
                                     << QStringLiteral("has 512 bits; RS256 needs at least 2048");
}

void TestSigningKey::fromPrivatePemRefuses()
{
    QFETCH(QByteArray, pem);
    QFETCH(QString, refusal);
    const Result<SigningKey> key = SigningKey::fromPrivatePem(pem);
    QVERIFY(!key);
    QCOMPARE(key.error().kind(), Error::Kind::Invalid);
    QVERIFY2(key.error().message().contains(refusal), errorBytes(key));
}

void TestSigningKey::fromPublicJwkRefuses_data()
{
    QTest::addColumn<QJsonObject>("jwk");
    QTest::addColumn<QString>("refusal");

    const QJsonValue absent(QJsonValue::Undefined);
    const QString badN = QStringLiteral("modulus n is missing or not base64url");
    const QString badE = QStringLiteral("exponent e is missing or not base64url");
    const QString unusable = QStringLiteral("not a usable RSA public key");

    QTest::newRow("kty EC") << rfcJwkWith(QStringLiteral("kty"), QStringLiteral("EC"))
                            << QStringLiteral("kty is not \"RSA\"");
    QTest::newRow("no kty") << rfcJwkWith(QStringLiteral("kty"), absent)
                            << QStringLiteral("kty is not \"RSA\"");
    QTest::newRow("alg HS256") << rfcJwkWith(QStringLiteral("alg"), QStringLiteral("HS256"))
                               << QStringLiteral("alg is not \"RS256\"");
    QTest::newRow("no n") << rfcJwkWith(QStringLiteral("n"), absent) << badN;
    QTest::newRow("n a number") << rfcJwkWith(QStringLiteral("n"), 12345) << badN;
    QTest::newRow("n not base64url") << rfcJwkWith(QStringLiteral("n"), QStringLiteral("0vx7+/==")) << badN;
    QTest::newRow("n zero") << rfcJwkWith(QStringLiteral("n"), QStringLiteral("AAAA")) << badN;
    QTest::newRow("no e") << rfcJwkWith(QStringLiteral("e"), absent) << badE;
    QTest::newRow("e empty") << rfcJwkWith(QStringLiteral("e"), QString()) << badE;
    QTest::newRow("1024-bit n") << rfcJwkWith(QStringLiteral("n"), numberText(128, '\xff', '\xfd'))
                                << QStringLiteral("has 1024 bits; RS256 needs at least 2048");
    QTest::newRow("even n") << rfcJwkWith(QStringLiteral("n"), numberText(256, '\xc3', '\x02')) << unusable;
    QTest::newRow("e of 1") << rfcJwkWith(QStringLiteral("e"), QStringLiteral("AQ")) << unusable;
    QTest::newRow("e even") << rfcJwkWith(QStringLiteral("e"), QStringLiteral("AQAC")) << unusable;
}

void TestSigningKey::fromPublicJwkRefuses()
{
    QFETCH(QJsonObject, jwk);
    QFETCH(QString, refusal);
    const Result<SigningKey> key = SigningKey::fromPublicJwk(jwk);
    QVERIFY(!key);
    QCOMPARE(key.error().kind(), Error::Kind::Invalid);
    QVERIFY2(key.error().message().contains(refusal), errorBytes(key));
}

QTEST_APPLESS_MAIN(TestSigningKey)
#include "TestSigningKey.moc"
