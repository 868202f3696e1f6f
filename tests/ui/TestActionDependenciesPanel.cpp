// The Dependencies section of the custom action page: packages refused under the fields (no npm
// needed), adding and removing as part of the draft, saving them with the code, and installing them from
// a local npm registry for a test run and a deploy (npm's reason when a package does not exist).

#include "core/actions/CustomActionService.h"
#include "core/actions/DependencyInstaller.h"
#include "tests/support/NpmRegistryServer.h"
#include "tests/ui/CustomActionFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/customactions/ActionDependenciesPanel.h"
#include "ui/customactions/ActionTestPanel.h"
#include "ui/editor/CodeEditor.h"
#include "ui/editor/ConsoleView.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

namespace {

const QString kPackage = QStringLiteral("authdeck-greeting");

QStringList rows(const QTreeWidget *list)
{
    QStringList texts;
    for (int row = 0; row < list->topLevelItemCount(); ++row)
        texts << list->topLevelItem(row)->text(0);
    return texts;
}

} // namespace

class TestActionDependenciesPanel : public QObject, public CustomActionFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void badPackagesAreRefusedInline_data();
    void badPackagesAreRefusedInline();
    void addAndRemoveArePartOfTheDraft();
    void savedWithTheDraft();
    void installedForATestRun();
    void deployInstallsThem();
    void unknownPackageFailsWithNpmsReason();

private:
    QTreeWidget *list() const { return find<QTreeWidget>(QStringLiteral("dependenciesList")); }
    QLabel *error() const { return find<QLabel>(QStringLiteral("dependencyError")); }
    /// Types @p name and @p version (left as it is when null) and clicks Add Module.
    void add(const QString &name, const QString &version = {});

    QTemporaryDir m_npmCache;
    std::unique_ptr<QTemporaryDir> m_cacheRoot;
    std::unique_ptr<NpmRegistryServer> m_registry;
};

void TestActionDependenciesPanel::initTestCase()
{
    initApplication(QStringLiteral("tst_ui_customactiondependencies"));
    QVERIFY(m_npmCache.isValid());
    qputenv("NPM_CONFIG_CACHE", QFile::encodeName(m_npmCache.path()));
}

void TestActionDependenciesPanel::init()
{
    setUp();
    m_cacheRoot = std::make_unique<QTemporaryDir>();
    m_registry = std::make_unique<NpmRegistryServer>();
    QVERIFY2(m_registry->start(), qPrintable(m_registry->errorString()));
    m_registry->addPackage(
        kPackage, QStringLiteral("1.0.0"), "module.exports = (name) => 'hello ' + name;\n");
    DependencyInstaller &installer = service().dependencyInstaller();
    installer.setCacheRoot(m_cacheRoot->path());
    installer.setRegistry(m_registry->url());
    installer.setFetchRetries(0);
    find<QTabWidget>(QStringLiteral("sidePanel"))
        ->setCurrentWidget(find<QWidget>(QStringLiteral("dependenciesPanel")));
}

void TestActionDependenciesPanel::cleanup()
{
    tearDown();
    m_registry.reset();
    m_cacheRoot.reset();
}

void TestActionDependenciesPanel::add(const QString &name, const QString &version)
{
    UiTest::retype(find<QLineEdit>(QStringLiteral("dependencyName")), name);
    if (!version.isNull())
        UiTest::retype(find<QLineEdit>(QStringLiteral("dependencyVersion")), version);
    QTest::mouseClick(find<QPushButton>(QStringLiteral("addDependencyButton")), Qt::LeftButton);
}

void TestActionDependenciesPanel::badPackagesAreRefusedInline_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("problem");
    QTest::newRow("no name") << QString() << QStringLiteral("latest") << QStringLiteral("Type the name");
    QTest::newRow("upper case") << QStringLiteral("Axios") << QStringLiteral("latest")
                                << QStringLiteral("“Axios” is not an npm package name");
    QTest::newRow("a path") << QStringLiteral("../evil") << QStringLiteral("latest")
                            << QStringLiteral("is not an npm package name");
    QTest::newRow("a URL as version")
        << QStringLiteral("left-pad") << QStringLiteral("https://evil.example/x.tgz")
        << QStringLiteral("is not a version");
    QTest::newRow("a git spec as version")
        << QStringLiteral("left-pad") << QStringLiteral("git+ssh://git@x/y")
        << QStringLiteral("is not a version");
    QTest::newRow("listed twice") << QStringLiteral("existing") << QStringLiteral("2.0.0")
                                  << QStringLiteral("existing is listed twice");
}

void TestActionDependenciesPanel::badPackagesAreRefusedInline()
{
    QFETCH(QString, name);
    QFETCH(QString, version);
    QFETCH(QString, problem);
    add(QStringLiteral("existing"), QStringLiteral("1.0.0"));
    QCOMPARE(rows(list()), QStringList {QStringLiteral("existing@1.0.0")});
    QSignalSpy changed(find<ActionDependenciesPanel>(QStringLiteral("dependenciesPanel")),
                       &ActionDependenciesPanel::changed);

    add(name, version);
    QVERIFY(!error()->isHidden());
    QVERIFY2(error()->text().contains(problem), qPrintable(error()->text()));
    QVERIFY(find<QLineEdit>(QStringLiteral("dependencyName"))->property("invalid").toBool());
    QCOMPARE(rows(list()), QStringList {QStringLiteral("existing@1.0.0")});
    QCOMPARE(changed.size(), 0);
    // What was typed stays, to be fixed.
    QCOMPARE(find<QLineEdit>(QStringLiteral("dependencyName"))->text(), name);

    // Typing again clears the error.
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("dependencyName")), QStringLiteral("x"));
    QVERIFY(error()->isHidden());
}

void TestActionDependenciesPanel::addAndRemoveArePartOfTheDraft()
{
    QVERIFY(list()->isHidden());
    QVERIFY(!find<QLabel>(QStringLiteral("dependenciesEmpty"))->isHidden());
    add(QStringLiteral("left-pad")); // the version field starts as "latest"
    QCOMPARE(rows(list()), QStringList {QStringLiteral("left-pad@latest")});
    QVERIFY(error()->isHidden());
    QCOMPARE(find<QLineEdit>(QStringLiteral("dependencyName"))->text(), QString());
    QCOMPARE(find<QLineEdit>(QStringLiteral("dependencyVersion"))->text(), QStringLiteral("latest"));
    QVERIFY(m_page->isDirty());
    QVERIFY(find<QPushButton>(QStringLiteral("saveDraftButton"))->isEnabled());
    QVERIFY(stored().dependencies.isEmpty()); // nothing saved yet

    add(QStringLiteral("@scope/pkg"), QStringLiteral("^1.2.0"));
    QCOMPARE(rows(list()),
             (QStringList {QStringLiteral("left-pad@latest"), QStringLiteral("@scope/pkg@^1.2.0")}));
    list()->setCurrentItem(list()->topLevelItem(0));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("removeDependencyButton")), Qt::LeftButton);
    QCOMPARE(rows(list()), QStringList {QStringLiteral("@scope/pkg@^1.2.0")});
    list()->setCurrentItem(list()->topLevelItem(0));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("removeDependencyButton")), Qt::LeftButton);
    QVERIFY(list()->isHidden());
    QVERIFY(!m_page->isDirty());
    QVERIFY(!find<QPushButton>(QStringLiteral("saveDraftButton"))->isEnabled());
}

void TestActionDependenciesPanel::savedWithTheDraft()
{
    add(QStringLiteral("left-pad"), QStringLiteral("^1.3.0"));
    QTest::keyClicks(editor(), QStringLiteral("// uses left-pad"));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("saveDraftButton")), Qt::LeftButton);
    const CustomAction saved = stored();
    QCOMPARE(saved.dependencies.size(), 1);
    QCOMPARE(saved.dependencies.first().spec(), QStringLiteral("left-pad@^1.3.0"));
    QVERIFY(saved.code.contains(QStringLiteral("// uses left-pad")));
    QVERIFY(!m_page->isDirty());

    const auto again = reopenedPage();
    QCOMPARE(rows(again->findChild<QTreeWidget *>(QStringLiteral("dependenciesList"))),
             QStringList {QStringLiteral("left-pad@^1.3.0")});
}

void TestActionDependenciesPanel::installedForATestRun()
{
    // Neither the package nor the code is saved: the run takes both from the editor.
    add(kPackage, QStringLiteral("1.0.0"));
    pasteCode(editor(),
              QStringLiteral("const greet = require('authdeck-greeting');\n")
                  + handlerCode(QStringLiteral("  console.log(greet(event.message_options.code));")));
    find<QTabWidget>(QStringLiteral("sidePanel"))
        ->setCurrentWidget(find<QWidget>(QStringLiteral("testPanel")));
    auto *panel = find<ActionTestPanel>(QStringLiteral("testPanel"));
    QSignalSpy finished(panel, &ActionTestPanel::runFinished);
    QTest::mouseClick(find<QPushButton>(QStringLiteral("runTestButton")), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    const QString status = find<QLabel>(QStringLiteral("testStatus"))->text();
    QVERIFY2(status.startsWith(QStringLiteral("Succeeded in")), qPrintable(status));
    const QList<ConsoleLine> lines = find<ConsoleView>(QStringLiteral("testConsole"))->lines();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().text, QStringLiteral("hello 481516"));
    QVERIFY(m_registry->requests().contains(QStringLiteral("/") + kPackage));
    QVERIFY(stored().dependencies.isEmpty());
}

void TestActionDependenciesPanel::deployInstallsThem()
{
    add(kPackage, QStringLiteral("1.0.0"));
    pasteCode(editor(),
              QStringLiteral("const greet = require('authdeck-greeting');\n")
                  + handlerCode(QStringLiteral("  console.log(greet('deploy'));")));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("deployButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(message().startsWith(QStringLiteral("Version 1 deployed")), 60000);
    const auto version = service().deployedVersion(m_action.id);
    QVERIFY(version);
    QCOMPARE(version.value().dependencies.size(), 1);
    QCOMPARE(version.value().dependencies.first().spec(), kPackage + QStringLiteral("@1.0.0"));
    QVERIFY(service().dependencyInstaller().isInstalled(version.value().dependencies));
}

void TestActionDependenciesPanel::unknownPackageFailsWithNpmsReason()
{
    add(QStringLiteral("left-pad-nowhere"), QStringLiteral("1.0.0"));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("deployButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(message().startsWith(QStringLiteral("Not deployed")), 60000);
    QVERIFY2(message().contains(QStringLiteral("Package left-pad-nowhere was not found in the registry.")),
             qPrintable(message()));
    QCOMPARE(service().versions(m_action.id).value().size(), 0);
    QCOMPARE(status(), QStringLiteral("Not deployed yet"));

    // A test run fails the same way, in the result.
    find<QTabWidget>(QStringLiteral("sidePanel"))
        ->setCurrentWidget(find<QWidget>(QStringLiteral("testPanel")));
    QSignalSpy finished(find<ActionTestPanel>(QStringLiteral("testPanel")), &ActionTestPanel::runFinished);
    QTest::mouseClick(find<QPushButton>(QStringLiteral("runTestButton")), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);
    const QString status = find<QLabel>(QStringLiteral("testStatus"))->text();
    QVERIFY2(
        status.startsWith(QStringLiteral("The test did not run: Package left-pad-nowhere was not found")),
        qPrintable(status));
}

QTEST_MAIN(TestActionDependenciesPanel)
#include "TestActionDependenciesPanel.moc"
