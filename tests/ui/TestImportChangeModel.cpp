// The import's changes as the tree shows them: each value compact on one line (code as its line counts and
// the lines added and removed), resources marked +, ~ or − with the dashboard's name of their type.

#include "ui/exchange/ImportChangeModel.h"
#include "ui/shell/Theme.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

class TestImportChangeModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void changeText_data();
    void changeText();
    void rows();
};

void TestImportChangeModel::initTestCase()
{
    Theme::instance().apply(Theme::Mode::Light); // the colours of the marks
}

void TestImportChangeModel::changeText_data()
{
    QTest::addColumn<QJsonValue>("before");
    QTest::addColumn<QJsonValue>("after");
    QTest::addColumn<QString>("text");

    const QJsonValue none(QJsonValue::Undefined);
    QTest::newRow("created") << none << QJsonValue(QStringLiteral("spa")) << "spa";
    QTest::newRow("deleted") << QJsonValue(true) << none << "true";
    QTest::newRow("text") << QJsonValue(QStringLiteral("node18")) << QJsonValue(QStringLiteral("node22"))
                          << "node18  →  node22";
    QTest::newRow("empty text") << QJsonValue(QString()) << QJsonValue(QStringLiteral("Nightly"))
                                << "(empty)  →  Nightly";
    QTest::newRow("list") << QJsonValue(QJsonArray {})
                          << QJsonValue(QJsonArray {QStringLiteral("https://a.example"),
                                                    QStringLiteral("https://b.example")})
                          << "(none)  →  https://a.example, https://b.example";
    QTest::newRow("bindings by name")
        << QJsonValue(QJsonArray {})
        << QJsonValue(QJsonArray {QJsonObject {{QStringLiteral("action_name"), QStringLiteral("Plivo")},
                                               {QStringLiteral("display_name"), QStringLiteral("Plivo")}}})
        << "(none)  →  Plivo";
    QTest::newRow("long text elided")
        << QJsonValue(QString(50, QLatin1Char('a'))) << QJsonValue(QStringLiteral("b"))
        << QString(39, QLatin1Char('a')) + QStringLiteral("…  →  b");
    QTest::newRow("code") << QJsonValue(QStringLiteral("one\ntwo\nthree\n"))
                          << QJsonValue(QStringLiteral("one\n2\nthree\nfour\n"))
                          << "4 lines  →  5 lines (+2 −1)";
    QTest::newRow("code created") << none << QJsonValue(QStringLiteral("a\nb")) << "2 lines";
    QTest::newRow("object") << QJsonValue(QJsonObject {{QStringLiteral("k"), 1}}) << none << "{\"k\":1}";
}

void TestImportChangeModel::changeText()
{
    QFETCH(QJsonValue, before);
    QFETCH(QJsonValue, after);
    QFETCH(QString, text);
    QCOMPARE(ImportChangeModel::changeText({QStringLiteral("field"), before, after}), text);
}

void TestImportChangeModel::rows()
{
    ImportChangeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChanges(
        {{ResourceChange::Kind::Create,
          QStringLiteral("clients"),
          QStringLiteral("Billing"),
          {{QStringLiteral("app_type"),
            QJsonValue(QJsonValue::Undefined),
            QStringLiteral("non_interactive")}}},
         {ResourceChange::Kind::Change,
          QStringLiteral("triggers"),
          QStringLiteral("send-phone-message"),
          {{QStringLiteral("bindings"), QJsonArray {}, QJsonArray {}}}},
         {ResourceChange::Kind::Change,
          QStringLiteral("guardianPolicies"),
          QStringLiteral("guardianPolicies"),
          {{QStringLiteral("policies"), QJsonArray {}, QJsonArray {QStringLiteral("all-applications")}}}},
         {ResourceChange::Kind::Delete, QStringLiteral("actions"), QStringLiteral("Old"), {}}});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("+  Billing"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("Application · created"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
    QCOMPARE(model.index(0, 1, model.index(0, 0)).data().toString(), QStringLiteral("non_interactive"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("~  Send Phone Message"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("Flow · 1 field changed"));
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("~  MFA policy"));
    QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("−  Old"));
    QCOMPARE(model.index(3, 1).data().toString(), QStringLiteral("Action · deleted"));
    QCOMPARE(model.index(3, 0).data(int(ImportChangeModel::Role::Kind)).toInt(),
             int(ResourceChange::Kind::Delete));
    QCOMPARE(model.index(3, 0).data(Qt::AccessibleTextRole).toString(), QStringLiteral("Old, deleted"));
    QCOMPARE(model.index(0, 0).data(Qt::ForegroundRole).value<QColor>(),
             Theme::instance().color(QStringLiteral("success")));
    QCOMPARE(model.index(3, 0).data(Qt::ForegroundRole).value<QColor>(),
             Theme::instance().color(QStringLiteral("danger")));
    model.setChanges({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestImportChangeModel)

#include "TestImportChangeModel.moc"
