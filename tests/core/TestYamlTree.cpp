// YamlTree: deploy-cli's YAML read as JSON with lines, hostile files refused with the line, and written back.

#include "core/exchange/YamlTree.h"

#include <QJsonArray>
#include <QTest>

class TestYamlTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scalarsBecomeTypes_data();
    void scalarsBecomeTypes();
    void remembersLines();
    void refusesHostileFiles_data();
    void refusesHostileFiles();
    void writesWhatItReads_data();
    void writesWhatItReads();
    void writesKeysInTheGivenOrder();
};

void TestYamlTree::scalarsBecomeTypes_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("true") << QByteArray("v: true") << QJsonValue(true);
    QTest::newRow("false") << QByteArray("v: false") << QJsonValue(false);
    QTest::newRow("quoted true stays text") << QByteArray("v: 'true'") << QJsonValue(QStringLiteral("true"));
    QTest::newRow("integer") << QByteArray("v: 36000") << QJsonValue(36000);
    QTest::newRow("quoted number stays text") << QByteArray("v: \"42\"") << QJsonValue(QStringLiteral("42"));
    QTest::newRow("null") << QByteArray("v: null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("empty") << QByteArray("v:") << QJsonValue(QJsonValue::Null);
    QTest::newRow("empty quoted") << QByteArray("v: ''") << QJsonValue(QString());
    QTest::newRow("url") << QByteArray("v: http://localhost:3000")
                         << QJsonValue(QStringLiteral("http://localhost:3000"));
    QTest::newRow("folded") << QByteArray("v: >-\n  one\n  two\n") << QJsonValue(QStringLiteral("one two"));
    QTest::newRow("literal") << QByteArray("v: |\n  a\n  b\n") << QJsonValue(QStringLiteral("a\nb\n"));
    QTest::newRow("flow list") << QByteArray("v: [a, 1]") << QJsonValue(QJsonArray {QStringLiteral("a"), 1});
    QTest::newRow("unicode") << QByteArray("v: \"Ünïcødé ✓\"") << QJsonValue(QStringLiteral("Ünïcødé ✓"));
}

void TestYamlTree::scalarsBecomeTypes()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QJsonValue, value);
    auto tree = YamlTree::parse(yaml);
    QVERIFY2(tree, qPrintable(tree ? QString() : tree.error().message()));
    QCOMPARE(tree.value().document().value(QLatin1String("v")), value);
}

void TestYamlTree::remembersLines()
{
    auto tree = YamlTree::parse("clients:\n  - name: A\n    callbacks:\n      - http://a\n  - name: B\n");
    QVERIFY(tree);
    QCOMPARE(tree.value().lineOf(QStringLiteral("clients")), 1);
    QCOMPARE(tree.value().lineOf(QStringLiteral("clients[0].name")), 2);
    QCOMPARE(tree.value().lineOf(QStringLiteral("clients[0].callbacks[0]")), 4);
    QCOMPARE(tree.value().lineOf(QStringLiteral("clients[1].name")), 5);
    QCOMPARE(tree.value().lineOf(QStringLiteral("nowhere")), 0);
}

void TestYamlTree::refusesHostileFiles_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("message");
    QByteArray bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'k'; ++c)
        bomb += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [*" + QByteArray(1, char(c - 1)) + ", *"
            + QByteArray(1, char(c - 1)) + ", *" + QByteArray(1, char(c - 1)) + "]\n";
    QTest::newRow("alias bomb") << bomb
                                << QStringLiteral("Line 1: this value is used again through an alias");
    QTest::newRow("one alias")
        << QByteArray("a: &x 1\nb: *x\n")
        << QStringLiteral("Line 1: this value is used again through an alias: anchors and aliases");
    QTest::newRow("deep flow nesting") << "a: " + QByteArray(200, '[') + QByteArray(200, ']')
                                       << QStringLiteral("Line 1: The file nests deeper than 64 levels");
    QByteArray deepBlock;
    for (int i = 0; i < 100; ++i)
        deepBlock += QByteArray(i * 2, ' ') + "k" + QByteArray::number(i) + ":\n";
    QTest::newRow("deep block nesting") << deepBlock << QStringLiteral("nests deeper than 64 levels");
    // Deeper than yaml-cpp's own guard lets its recursive parser go: its DeepRecursion, in Authdeck's words.
    QTest::newRow("flow nesting past yaml-cpp's guard")
        << QByteArray(100'000, '[') << QStringLiteral("Line 1: The file nests deeper than 64 levels");
    QByteArray deeperBlock;
    for (int i = 0; i < 3000; ++i)
        deeperBlock += QByteArray(i, ' ') + "k:\n";
    QTest::newRow("block nesting past yaml-cpp's guard")
        << deeperBlock << QStringLiteral("The file nests deeper than 64 levels");
    QTest::newRow("tag") << QByteArray("a: !!binary aGVsbG8=\n") << QStringLiteral("Line 1: Tags such as");
    QTest::newRow("duplicate key") << QByteArray("a: 1\nb: 2\na: 3\n")
                                   << QStringLiteral("Line 3: The key \"a\" appears twice");
    QTest::newRow("two documents") << QByteArray("a: 1\n---\nb: 2\n")
                                   << QStringLiteral("more than one document");
    // yaml-cpp 0.7's LoadAll() looped forever, allocating, on a stream its parser cannot advance through
    // (jbeder/yaml-cpp#1040); found by tests/fuzz/fuzz_yaml_tree.
    QTest::newRow("a lone comma") << QByteArray(",") << QStringLiteral("Line 1: The file is not valid YAML");
    QTest::newRow("a stuck parser after a document") << QByteArray(
        "- macro: m\n  condition:\n    (a in (-1, 1) and b in (\n\"/x\",\n    \"-c\"\n    )  )\n")
                                                     << QStringLiteral("Line ");
    QTest::newRow("a list at the top")
        << QByteArray("- a\n- b\n") << QStringLiteral("Line 1: The top level must be a mapping");
    QTest::newRow("empty") << QByteArray("") << QStringLiteral("The file is empty");
    QTest::newRow("malformed") << QByteArray("a: [1, 2\nb: 3\n") << QStringLiteral("Line ");
    QTest::newRow("bad indentation") << QByteArray("a:\n  - x\n - y\n") << QStringLiteral("Line 3");
    QTest::newRow("too large") << QByteArray(YamlTree::kMaxBytes + 1, ' ')
                               << QStringLiteral("larger than 64 MiB");
    QTest::newRow("complex key") << QByteArray("? [a, b]\n: 1\n") << QStringLiteral("A key must be text");
}

void TestYamlTree::refusesHostileFiles()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, message);
    auto tree = YamlTree::parse(yaml);
    QVERIFY(!tree);
    QCOMPARE(tree.error().kind(), Error::Kind::Invalid);
    QVERIFY2(tree.error().message().contains(message), qPrintable(tree.error().message()));
}

void TestYamlTree::writesWhatItReads_data()
{
    QTest::addColumn<QJsonObject>("document");
    QTest::newRow("deploy-cli shapes") << QJsonObject {
        {QStringLiteral("clients"),
         QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("Web: Shop")},
                                  {QStringLiteral("description"), QString()},
                                  {QStringLiteral("callbacks"), QJsonArray {}},
                                  {QStringLiteral("lifetime"), 36000},
                                  {QStringLiteral("flag"), false}}}},
        {QStringLiteral("triggers"), QJsonObject {}},
        {QStringLiteral("guardianPolicies"),
         QJsonObject {{QStringLiteral("policies"), QJsonArray {QStringLiteral("all-applications")}}}}};
    QTest::newRow("texts that look like other types") << QJsonObject {
        {QStringLiteral("a"), QStringLiteral("true")},
        {QStringLiteral("b"), QStringLiteral("12")},
        {QStringLiteral("c"), QStringLiteral("null")},
        {QStringLiteral("d"), QStringLiteral("~")},
        {QStringLiteral("e"), QStringLiteral("- x")},
        {QStringLiteral("f"), QStringLiteral("{{code}} is your code: #1 'quoted' \"double\"")},
        {QStringLiteral("g"), QStringLiteral("two\nlines\n")},
        {QStringLiteral("h"), QStringLiteral("&anchor *alias !tag")}};
    // yaml-cpp writes a carriage return unquoted, and "ee:\r" then reads back as a broken mapping; found by
    // tests/fuzz/fuzz_yaml_tree.
    QTest::newRow("control characters")
        << QJsonObject {{QStringLiteral("clients"), QStringLiteral("ee:\r")},
                        {QStringLiteral("key\rwith a return"), QStringLiteral("tab\tbell\a")},
                        {QStringLiteral("lines"), QStringLiteral("a\r\nb")}};
    // A key of more than 1024 characters (once escaped) is not a simple key in YAML: it read back as "illegal
    // map value"; found by tests/fuzz/fuzz_yaml_tree.
    QTest::newRow("a long key beyond ASCII")
        << QJsonObject {{QStringLiteral("clients"),
                         QJsonArray {QJsonObject {{QString(QString(300, QChar(0xfffd)) + QChar(0x18)),
                                                   QJsonValue(QJsonArray())}}}}};
    QTest::newRow("a long plain key") << QJsonObject {{QString(2000, QLatin1Char('k')), QStringLiteral("v")}};
    // Brackets, quotes and dashes inside text open nothing: a look at the raw text that counted them refused
    // such a file as nesting too deep; found by tests/fuzz/fuzz_yaml_tree.
    const QString braces(70, QLatin1Char('{'));
    const QString quotedKey = QStringLiteral("a\"") + braces;
    const QString control = QStringLiteral("control\x7f") + braces;
    const QString plain = QStringLiteral("x") + braces;
    const QString spaced = QStringLiteral("x ") + QStringLiteral("[ ").repeated(70);
    const QString dashes = QStringLiteral("a ") + QStringLiteral("- ").repeated(70) + QStringLiteral("b");
    const QString quoted = QStringLiteral("'") + QStringLiteral("[{").repeated(70);
    QTest::newRow("brackets inside text") << QJsonObject {{quotedKey, control},
                                                          {QStringLiteral("plain"), plain},
                                                          {QStringLiteral("spaced"), spaced},
                                                          {QStringLiteral("dashes"), dashes},
                                                          {QStringLiteral("quoted"), quoted}};
    // yaml-cpp writes "--- x" and "... x" as plain keys, which at the top level start or end a document;
    // found by tests/fuzz/fuzz_yaml_tree.
    QTest::newRow("document markers in keys") << QJsonObject {{QStringLiteral("--- x"), QJsonValue::Null},
                                                              {QStringLiteral("... x"), 1},
                                                              {QStringLiteral("...\tx"), 2},
                                                              {QStringLiteral("---"), 3},
                                                              {QStringLiteral("...x"), 4}};
    QTest::newRow("line separators") << QJsonObject {
        {QStringLiteral("t"),
         QString(QStringLiteral("a") + QChar(0x2028) + QChar(0x85) + QStringLiteral("b"))}};
}

void TestYamlTree::writesWhatItReads()
{
    QFETCH(QJsonObject, document);
    const QByteArray yaml = YamlTree::write(document, {});
    auto tree = YamlTree::parse(yaml);
    QVERIFY2(tree, qPrintable(QString::fromUtf8(yaml)));
    QCOMPARE(tree.value().document(), document);
}

void TestYamlTree::writesKeysInTheGivenOrder()
{
    const QJsonObject document {
        {QStringLiteral("b"),
         QJsonArray {QJsonObject {{QStringLiteral("z"), 1}, {QStringLiteral("name"), QStringLiteral("n")}}}},
        {QStringLiteral("a"), 2}};
    const QByteArray yaml = YamlTree::write(
        document, {{QString(), {QStringLiteral("b")}}, {QStringLiteral("b[]"), {QStringLiteral("name")}}});
    QCOMPARE(yaml, QByteArray("b:\n  - name: n\n    z: 1\na: 2\n"));
}

QTEST_GUILESS_MAIN(TestYamlTree)
#include "TestYamlTree.moc"
