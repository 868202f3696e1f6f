// TenantFiles: deploy-cli's YAML and directory formats on disk, keyword replacement, and the refusals
// that name the file and line.

#include "core/exchange/TenantFiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCode = QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {};\n");

QJsonObject sampleDocument()
{
    return {{QStringLiteral("clients"),
             QJsonArray {QJsonObject {
                 {QStringLiteral("name"), QStringLiteral("Web/Shop")},
                 {QStringLiteral("app_type"), QStringLiteral("spa")},
                 {QStringLiteral("callbacks"), QJsonArray {QStringLiteral("http://localhost:3000")}}}}},
            {QStringLiteral("actions"),
             QJsonArray {QJsonObject {
                 {QStringLiteral("name"), QStringLiteral("Notify")},
                 {QStringLiteral("code"), kCode},
                 {QStringLiteral("deployed"), true},
                 {QStringLiteral("secrets"), QJsonArray {}},
                 {QStringLiteral("supported_triggers"),
                  QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("send-phone-message")},
                                           {QStringLiteral("version"), QStringLiteral("v2")}}}}}}},
            {QStringLiteral("triggers"),
             QJsonObject {
                 {QStringLiteral("send-phone-message"),
                  QJsonArray {QJsonObject {{QStringLiteral("action_name"), QStringLiteral("Notify")},
                                           {QStringLiteral("display_name"), QStringLiteral("Notify")}}}}}},
            {QStringLiteral("guardianFactors"),
             QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("sms")},
                                      {QStringLiteral("enabled"), true}}}},
            {QStringLiteral("guardianPolicies"), QJsonObject {{QStringLiteral("policies"), QJsonArray {}}}}};
}

bool writeText(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

using Files = QList<QPair<QString, QByteArray>>; ///< relative path and content

} // namespace

class TestTenantFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatItWrites_data();
    void readsWhatItWrites();
    void yamlLayout();
    void replacesKeywords_data();
    void replacesKeywords();
    void refusals_data();
    void refusals();
    void fileNames_data();
    void fileNames();
};

void TestTenantFiles::readsWhatItWrites_data()
{
    QTest::addColumn<TenantFiles::Format>("format");
    QTest::newRow("yaml") << TenantFiles::Format::Yaml;
    QTest::newRow("directory") << TenantFiles::Format::Directory;
}

void TestTenantFiles::readsWhatItWrites()
{
    QFETCH(TenantFiles::Format, format);
    QTemporaryDir dir;
    auto written = TenantFiles::write(sampleDocument(), dir.path(), format);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message()));
    QVERIFY(written.value().contains(QStringLiteral("actions/Notify/code.js")));
    auto read = TenantFiles::read(dir.path());
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message()));
    QCOMPARE(read.value().document(), sampleDocument());
}

void TestTenantFiles::yamlLayout()
{
    QTemporaryDir dir;
    auto written = TenantFiles::write(sampleDocument(), dir.path(), TenantFiles::Format::Yaml);
    QVERIFY(written);
    QCOMPARE(written.value(),
             (QStringList {QStringLiteral("actions/Notify/code.js"), QStringLiteral("tenant.yaml")}));
    QFile yaml(dir.filePath(QStringLiteral("tenant.yaml")));
    QVERIFY(yaml.open(QIODevice::ReadOnly));
    const QByteArray text = yaml.readAll();
    // deploy-cli's order: the resource types in its order, a record's name first, then its keys sorted.
    QVERIFY2(
        text.startsWith(
            "clients:\n  - name: Web/Shop\n    app_type: spa\n    callbacks:\n      - http://localhost:3000\n"
            "actions:\n  - name: Notify\n    code: ./actions/Notify/code.js\n"),
        text.constData());
    QVERIFY(text.contains("triggers:\n  send-phone-message:\n    - action_name: Notify\n"));
    QVERIFY(text.contains("guardianPolicies:\n  policies: []\n"));
}

void TestTenantFiles::replacesKeywords_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QJsonObject>("keywords");
    QTest::addColumn<QJsonObject>("document");
    const QJsonObject urls {
        {QStringLiteral("URLS"), QJsonArray {QStringLiteral("https://a"), QStringLiteral("https://b")}}};
    const QJsonObject expectedUrls {
        {QStringLiteral("callbacks"), QJsonArray {QStringLiteral("https://a"), QStringLiteral("https://b")}}};
    QTest::newRow("##string##") << QByteArray("name: '##ENV## app'\n")
                                << QJsonObject {{QStringLiteral("ENV"), QStringLiteral("staging")}}
                                << QJsonObject {{QStringLiteral("name"), QStringLiteral("staging app")}};
    QTest::newRow("@@array@@ bare") << QByteArray("callbacks: @@URLS@@\n") << urls << expectedUrls;
    QTest::newRow("@@array@@ single-quoted") << QByteArray("callbacks: '@@URLS@@'\n") << urls << expectedUrls;
    QTest::newRow("@@array@@ double-quoted")
        << QByteArray("callbacks: \"@@URLS@@\"\n") << urls << expectedUrls;
    QTest::newRow("##number##") << QByteArray("n: ##N##\n") << QJsonObject {{QStringLiteral("N"), 7}}
                                << QJsonObject {{QStringLiteral("n"), 7}};
    QTest::newRow("unknown keyword stays")
        << QByteArray("name: '##OTHER##'\n") << QJsonObject {}
        << QJsonObject {{QStringLiteral("name"), QStringLiteral("##OTHER##")}};
}

void TestTenantFiles::replacesKeywords()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QJsonObject, keywords);
    QFETCH(QJsonObject, document);
    QTemporaryDir dir;
    QVERIFY(writeText(dir.filePath(QStringLiteral("tenant.yaml")), yaml));
    auto read = TenantFiles::read(dir.filePath(QStringLiteral("tenant.yaml")), keywords);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message()));
    QCOMPARE(read.value().document(), document);
}

void TestTenantFiles::refusals_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QString>("message");
    QTest::newRow("code outside the folder")
        << Files {{QStringLiteral("in/tenant.yaml"), "actions:\n  - name: A\n    code: ../secret.js\n"},
                  {QStringLiteral("secret.js"), "x"}}
        << QStringLiteral("tenant.yaml, line 3: the code file ../secret.js is outside the folder imported");
    QTest::newRow("code at an absolute path")
        << Files {{QStringLiteral("in/tenant.yaml"), "actions:\n  - name: A\n    code: /etc/hostname\n"}}
        << QStringLiteral("is outside the folder imported");
    QTest::newRow("code missing")
        << Files {{QStringLiteral("in/tenant.yaml"),
                   "actions:\n  - name: A\n    code: ./actions/A/code.js\n"}}
        << QStringLiteral("tenant.yaml, line 3: the code file ./actions/A/code.js does not exist");
    QTest::newRow("malformed yaml") << Files {{QStringLiteral("in/tenant.yaml"), "clients:\n  - name: [A\n"}}
                                    << QStringLiteral("tenant.yaml, Line ");
    QTest::newRow("malformed json") << Files {{QStringLiteral("in/clients/A.json"), "{\"name\": \"A\",}"}}
                                    << QStringLiteral("clients/A.json, at character");
    QTest::newRow("nothing deploy-cli wrote") << Files {{QStringLiteral("in/notes.txt"), "hello"}}
                                              << QStringLiteral("holds neither tenant.yaml nor the folders");
}

void TestTenantFiles::refusals()
{
    QFETCH(Files, files);
    QFETCH(QString, message);
    QTemporaryDir dir;
    for (const auto &[path, text] : files)
        QVERIFY(writeText(dir.filePath(path), text));
    auto read = TenantFiles::read(dir.filePath(QStringLiteral("in")));
    QVERIFY(!read);
    QVERIFY2(read.error().message().contains(message), qPrintable(read.error().message()));
}

void TestTenantFiles::fileNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("file");
    QTest::newRow("plain") << QStringLiteral("My React App") << QStringLiteral("My React App");
    QTest::newRow("slashes") << QStringLiteral("a/b\\c") << QStringLiteral("a-b-c");
    QTest::newRow("dot dot") << QStringLiteral("..") << QStringLiteral("-");
    QTest::newRow("control") << QStringLiteral("a\nb") << QStringLiteral("a-b");
    QTest::newRow("empty") << QString() << QStringLiteral("undefined");
}

void TestTenantFiles::fileNames()
{
    QFETCH(QString, name);
    QFETCH(QString, file);
    QCOMPARE(TenantFiles::fileNameFor(name), file);
}

QTEST_GUILESS_MAIN(TestTenantFiles)
#include "TestTenantFiles.moc"
