#include "core/actions/IntegrationCatalog.h"
#include "tests/support/ResultText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

QJsonObject validInput()
{
    return {{QStringLiteral("key"), QStringLiteral("API_KEY")},
            {QStringLiteral("kind"), QStringLiteral("secret")},
            {QStringLiteral("label"), QStringLiteral("API key")}};
}

QJsonObject validEntry(const QJsonArray &inputs = {validInput()})
{
    return {{QStringLiteral("id"), QStringLiteral("example")},
            {QStringLiteral("name"), QStringLiteral("Example")},
            {QStringLiteral("publisher"), QStringLiteral("Example Inc.")},
            {QStringLiteral("summary"), QStringLiteral("Does one thing")},
            {QStringLiteral("description"), QStringLiteral("Does one thing, well.")},
            {QStringLiteral("trigger"), QStringLiteral("post-login")},
            {QStringLiteral("version"), QStringLiteral("2.1.0")},
            {QStringLiteral("inputs"), inputs}};
}

QByteArray catalogOf(const QJsonArray &entries)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("integrations"), entries}}).toJson();
}

QJsonObject without(QJsonObject object, const QString &field)
{
    object.remove(field);
    return object;
}

QJsonObject with(QJsonObject object, const QString &field, const QJsonValue &value)
{
    object.insert(field, value);
    return object;
}

QStringList idsOf(const QList<CatalogEntry> &entries)
{
    QStringList ids;
    for (const CatalogEntry &entry : entries)
        ids.append(entry.id);
    return ids;
}

} // namespace

class TestIntegrationCatalog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedCatalogHasPlivo();
    void shippedLogoIsAnSvg();
    void search_data();
    void search();
    void wellFormedFileLoads();
    void malformedFileRefused_data();
    void malformedFileRefused();
    void missingFileIsNotFound();
};

void TestIntegrationCatalog::shippedCatalogHasPlivo()
{
    const Result<IntegrationCatalog> catalog = IntegrationCatalog::load();
    QVERIFY2(catalog, errorBytes(catalog));
    QCOMPARE(IntegrationCatalog::defaultPath(), QStringLiteral(":/authdeck/catalog/integrations.json"));
    QCOMPARE(idsOf(catalog.value().entries()), QStringList {QStringLiteral("plivo")});

    const CatalogEntry *plivo = catalog.value().find(QStringLiteral("plivo"));
    QVERIFY(plivo);
    QCOMPARE(plivo->name, QStringLiteral("Plivo"));
    QCOMPARE(plivo->publisher, QStringLiteral("Plivo"));
    QCOMPARE(plivo->summary, QStringLiteral("Send SMS one-time codes through Plivo"));
    QVERIFY(plivo->description.size() > plivo->summary.size());
    QCOMPARE(plivo->trigger, QStringLiteral("send-phone-message"));
    QCOMPARE(plivo->version, QStringLiteral("1.0.0"));
    QCOMPARE(plivo->consent, QStringList {QStringLiteral("Read and share user profile information")});
    QCOMPARE(plivo->logo, QStringLiteral(":/authdeck/catalog/plivo.svg"));

    QCOMPARE(plivo->inputs.size(), 3);
    const IntegrationInput &authId = plivo->inputs.at(0);
    QCOMPARE(authId.key, QStringLiteral("PLIVO_AUTH_ID"));
    QCOMPARE(authId.kind, IntegrationInput::Kind::Secret);
    QCOMPARE(authId.label, QStringLiteral("Auth ID"));
    QCOMPARE(authId.placeholder, QStringLiteral("MAXXXXXXXXXXXXXXXXXX"));
    QCOMPARE(authId.format, QStringLiteral("plivo-auth-id"));
    const IntegrationInput &token = plivo->inputs.at(1);
    QCOMPARE(token.key, QStringLiteral("PLIVO_AUTH_TOKEN"));
    QCOMPARE(token.kind, IntegrationInput::Kind::Secret);
    QCOMPARE(token.label, QStringLiteral("Auth Token"));
    const IntegrationInput &number = plivo->inputs.at(2);
    QCOMPARE(number.key, QStringLiteral("PLIVO_NUMBER"));
    QCOMPARE(number.kind, IntegrationInput::Kind::Configuration);
    QCOMPARE(number.label, QStringLiteral("Plivo phone number"));
    QCOMPARE(number.placeholder, QStringLiteral("+15554443232"));
    QCOMPARE(number.format, QStringLiteral("e164"));
    for (const IntegrationInput &input : plivo->inputs) {
        QVERIFY2(input.required, qPrintable(input.key));
        QVERIFY2(!input.help.isEmpty(), qPrintable(input.key));
        QCOMPARE(plivo->input(input.key), &input);
    }
    QVERIFY(!plivo->input(QStringLiteral("PLIVO_SOMETHING_ELSE")));
    QVERIFY(!catalog.value().find(QStringLiteral("twilio")));
}

void TestIntegrationCatalog::shippedLogoIsAnSvg()
{
    QFile logo(QStringLiteral(":/authdeck/catalog/plivo.svg"));
    QVERIFY2(logo.open(QIODevice::ReadOnly), qPrintable(logo.errorString()));
    const QByteArray svg = logo.readAll();
    QVERIFY(svg.startsWith("<svg"));
    QVERIFY(svg.contains("viewBox=\"0 0 64 64\""));
}

void TestIntegrationCatalog::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");

    const QStringList plivo {QStringLiteral("plivo")};
    QTest::newRow("name") << QStringLiteral("plivo") << plivo;
    QTest::newRow("name prefix in capitals") << QStringLiteral("PLIV") << plivo;
    QTest::newRow("word of the summary") << QStringLiteral("sms") << plivo;
    QTest::newRow("no match") << QStringLiteral("zzz") << QStringList();
    QTest::newRow("empty text lists all") << QString() << plivo;
    QTest::newRow("spaces around") << QStringLiteral("  Plivo ") << plivo;
    QTest::newRow("description is not searched") << QStringLiteral("Auth Token") << QStringList();
}

void TestIntegrationCatalog::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);

    const Result<IntegrationCatalog> catalog = IntegrationCatalog::load();
    QVERIFY2(catalog, errorBytes(catalog));
    QCOMPARE(idsOf(catalog.value().search(text)), ids);
}

void TestIntegrationCatalog::wellFormedFileLoads()
{
    QJsonObject optional = with(validInput(), QStringLiteral("required"), false);
    optional = with(optional, QStringLiteral("kind"), QStringLiteral("configuration"));
    optional = with(optional, QStringLiteral("key"), QStringLiteral("REGION"));
    const QJsonObject second = with(validEntry({}), QStringLiteral("id"), QStringLiteral("second-one"));
    const Result<IntegrationCatalog> catalog = IntegrationCatalog::parse(
        catalogOf({validEntry({validInput(), optional}), second}), QStringLiteral("test"));
    QVERIFY2(catalog, errorBytes(catalog));
    QCOMPARE(idsOf(catalog.value().entries()),
             (QStringList {QStringLiteral("example"), QStringLiteral("second-one")}));
    const CatalogEntry *example = catalog.value().find(QStringLiteral("example"));
    QVERIFY(example);
    QCOMPARE(example->inputs.size(), 2);
    QVERIFY(example->inputs.at(0).required);
    QCOMPARE(example->inputs.at(1).kind, IntegrationInput::Kind::Configuration);
    QVERIFY(!example->inputs.at(1).required);
    QVERIFY(example->logo.isEmpty());
    QVERIFY(example->consent.isEmpty());
}

void TestIntegrationCatalog::malformedFileRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");

    const QJsonObject entry = validEntry();
    QTest::newRow("not JSON") << QByteArray("{ integrations: nope") << QStringLiteral("is not valid JSON");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("is not valid JSON");
    QTest::newRow("list, not an object") << QByteArray("[]") << QStringLiteral("an \"integrations\" list");
    QTest::newRow("integrations not a list")
        << QByteArray("{\"integrations\": {}}") << QStringLiteral("an \"integrations\" list");
    QTest::newRow("entry not an object") << catalogOf({42}) << QStringLiteral("entry 1 is not a JSON object");
    QTest::newRow("missing id") << catalogOf({without(entry, QStringLiteral("id"))})
                                << QStringLiteral("entry 1 has no \"id\"");
    QTest::newRow("id with capitals")
        << catalogOf({with(entry, QStringLiteral("id"), QStringLiteral("Plivo"))})
        << QStringLiteral("small letters");
    QTest::newRow("missing name, second entry") << catalogOf(
        {entry, with(without(entry, QStringLiteral("name")), QStringLiteral("id"), QStringLiteral("b"))})
                                                << QStringLiteral("entry 2 (\"b\") has no \"name\"");
    QTest::newRow("name is a number")
        << catalogOf({with(entry, QStringLiteral("name"), 7)}) << QStringLiteral("\"name\" that is not text");
    QTest::newRow("empty summary") << catalogOf({with(entry, QStringLiteral("summary"), QStringLiteral(" "))})
                                   << QStringLiteral("empty \"summary\"");
    QTest::newRow("bad version") << catalogOf({with(entry, QStringLiteral("version"), QStringLiteral("v1"))})
                                 << QStringLiteral("a version like");
    QTest::newRow("missing inputs") << catalogOf({without(entry, QStringLiteral("inputs"))})
                                    << QStringLiteral("has no \"inputs\" list");
    QTest::newRow("consent not a list")
        << catalogOf({with(entry, QStringLiteral("consent"), QStringLiteral("all"))})
        << QStringLiteral("\"consent\" that is not a list");
    QTest::newRow("duplicate id") << catalogOf({entry, entry})
                                  << QStringLiteral("entry 2 has the id \"example\"");
    QTest::newRow("input with unknown kind")
        << catalogOf({validEntry({with(validInput(), QStringLiteral("kind"), QStringLiteral("password"))})})
        << QStringLiteral("input 1 has the unknown kind \"password\"");
    QTest::newRow("input without kind")
        << catalogOf({validEntry({without(validInput(), QStringLiteral("kind"))})})
        << QStringLiteral("input 1 has no \"kind\"");
    QTest::newRow("input with unknown format")
        << catalogOf({validEntry({with(validInput(), QStringLiteral("format"), QStringLiteral("iban"))})})
        << QStringLiteral("unknown format \"iban\"");
    QTest::newRow("input key in small letters")
        << catalogOf({validEntry({with(validInput(), QStringLiteral("key"), QStringLiteral("api_key"))})})
        << QStringLiteral("in capitals");
    QTest::newRow("required is text")
        << catalogOf({validEntry({with(validInput(), QStringLiteral("required"), QStringLiteral("yes"))})})
        << QStringLiteral("not true or false");
    QTest::newRow("two inputs with one key") << catalogOf({validEntry({validInput(), validInput()})})
                                             << QStringLiteral("two inputs named API_KEY");
}

void TestIntegrationCatalog::malformedFileRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("integrations.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    const Result<IntegrationCatalog> catalog = IntegrationCatalog::load(path);
    QVERIFY(!catalog);
    QCOMPARE(catalog.error().kind(), Error::Kind::Invalid);
    QVERIFY2(catalog.error().message().contains(reason), qPrintable(catalog.error().message()));
    QVERIFY2(catalog.error().message().contains(path), qPrintable(catalog.error().message()));
}

void TestIntegrationCatalog::missingFileIsNotFound()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nothing-here.json"));
    const Result<IntegrationCatalog> catalog = IntegrationCatalog::load(path);
    QVERIFY(!catalog);
    QCOMPARE(catalog.error().kind(), Error::Kind::NotFound);
    QVERIFY2(catalog.error().message().contains(path), qPrintable(catalog.error().message()));
}

QTEST_GUILESS_MAIN(TestIntegrationCatalog)
#include "TestIntegrationCatalog.moc"
