#include "core/actions/DependencyInstaller.h"
#include "tests/support/DependencyInstallJobResult.h"
#include "tests/support/NpmRegistryServer.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

using Dependencies = QList<ActionDependency>;

const QString kGreeting = QStringLiteral("authdeck-greeting");
const QString kScoped = QStringLiteral("@authdeck/format");

} // namespace

/// Installing npm dependencies into the per-set cache, against a local registry.
class TestDependencyInstaller final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void problem_data();
    void problem();
    void cacheKeyIgnoresOrder();
    void noDependenciesRunNoNpm();
    void invalidDependencyRunsNoNpm();
    void installsIntoTheCache();
    void completeCacheIsReusedWithoutNpm();
    void unknownPackageLeavesNoCache();
    void unknownVersionIsNamed();
    void unreachableRegistry();
    void npmMissing();
    void slowRegistryTimesOut();

private:
    /// No folder but complete caches under the cache root: no staging folder and no half install.
    QStringList leftovers() const;

    QTemporaryDir m_npmCache;
    std::unique_ptr<QTemporaryDir> m_cacheRoot;
    std::unique_ptr<NpmRegistryServer> m_registry;
    std::unique_ptr<DependencyInstaller> m_installer;
};

void TestDependencyInstaller::initTestCase()
{
    // npm's own download cache: private to the run, so that every install really asks the registry.
    QVERIFY(m_npmCache.isValid());
    qputenv("NPM_CONFIG_CACHE", QFile::encodeName(m_npmCache.path()));
}

void TestDependencyInstaller::init()
{
    m_cacheRoot = std::make_unique<QTemporaryDir>();
    QVERIFY(m_cacheRoot->isValid());
    m_registry = std::make_unique<NpmRegistryServer>();
    QVERIFY2(m_registry->start(), qPrintable(m_registry->errorString()));
    m_registry->addPackage(kGreeting, QStringLiteral("1.0.0"), "module.exports = () => 'hello 1';\n");
    m_registry->addPackage(kGreeting, QStringLiteral("1.2.0"), "module.exports = () => 'hello 1.2';\n");
    m_registry->addPackage(kScoped, QStringLiteral("0.3.1"), "exports.upper = (s) => s.toUpperCase();\n");
    m_installer = std::make_unique<DependencyInstaller>();
    m_installer->setCacheRoot(m_cacheRoot->path());
    m_installer->setRegistry(m_registry->url());
    m_installer->setFetchRetries(0);
}

void TestDependencyInstaller::cleanup()
{
    m_installer.reset();
    m_registry.reset();
    m_cacheRoot.reset();
}

QStringList TestDependencyInstaller::leftovers() const
{
    QStringList found;
    const QDir root(m_cacheRoot->path());
    for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        if (!QFile::exists(root.filePath(name + QStringLiteral("/.authdeck-complete"))))
            found.append(name);
    }
    return found;
}

void TestDependencyInstaller::problem_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("valid");

    QTest::newRow("plain name, exact version") << "axios"
                                               << "1.6.2" << true;
    QTest::newRow("scoped name") << "@plivo/sdk"
                                 << "^4.0.0" << true;
    QTest::newRow("dots, dashes, underscores") << "lodash.merge_x-y"
                                               << "~4.6" << true;
    QTest::newRow("dist-tag") << "axios"
                              << "latest" << true;
    QTest::newRow("x range") << "axios"
                             << "1.x" << true;
    QTest::newRow("star") << "axios"
                          << "*" << true;
    QTest::newRow("comparators") << "axios"
                                 << ">=1.2.0 <2" << true;
    QTest::newRow("or ranges") << "axios"
                               << "^1.0.0 || ^2.0.0" << true;
    QTest::newRow("hyphen range") << "axios"
                                  << "1.0.0 - 1.4.0" << true;
    QTest::newRow("prerelease") << "axios"
                                << "2.0.0-beta.1" << true;
    QTest::newRow("empty name") << ""
                                << "1.0.0" << false;
    QTest::newRow("upper case") << "Axios"
                                << "1.0.0" << false;
    QTest::newRow("space in name") << "my package"
                                   << "1.0.0" << false;
    QTest::newRow("leading dot") << ".hidden"
                                 << "1.0.0" << false;
    QTest::newRow("leading underscore") << "_private"
                                        << "1.0.0" << false;
    QTest::newRow("leading dash (an npm option)") << "-g"
                                                  << "1.0.0" << false;
    QTest::newRow("scope without name") << "@scope/"
                                        << "1.0.0" << false;
    QTest::newRow("two slashes") << "@a/b/c"
                                 << "1.0.0" << false;
    QTest::newRow("node_modules") << "node_modules"
                                  << "1.0.0" << false;
    QTest::newRow("name too long") << QString(215, QLatin1Char('a')) << "1.0.0" << false;
    QTest::newRow("empty version") << "axios"
                                   << "" << false;
    QTest::newRow("file path") << "axios"
                               << "file:../axios" << false;
    QTest::newRow("git url") << "axios"
                             << "git+https://github.com/axios/axios.git" << false;
    QTest::newRow("github shorthand") << "axios"
                                      << "axios/axios" << false;
    QTest::newRow("option as version") << "axios"
                                       << "--global" << false;
    QTest::newRow("empty or branch") << "axios"
                                     << "^1 ||" << false;
    QTest::newRow("four numbers") << "axios"
                                  << "1.2.3.4" << false;
}

void TestDependencyInstaller::problem()
{
    QFETCH(QString, name);
    QFETCH(QString, version);
    QFETCH(bool, valid);
    const QString text = DependencyInstaller::problem(ActionDependency {name, version});
    QVERIFY2(text.isEmpty() == valid, qPrintable(text));
}

void TestDependencyInstaller::cacheKeyIgnoresOrder()
{
    const ActionDependency a {QStringLiteral("a"), QStringLiteral("1.0.0")};
    const ActionDependency b {QStringLiteral("b"), QStringLiteral("2.0.0")};
    QCOMPARE(DependencyInstaller::cacheKey({a, b}), DependencyInstaller::cacheKey({b, a}));
    QVERIFY(DependencyInstaller::cacheKey({a, b})
            != DependencyInstaller::cacheKey({a, {QStringLiteral("b"), QStringLiteral("2.0.1")}}));
    QCOMPARE(DependencyInstaller::cacheKey({a}).size(), 64);
}

void TestDependencyInstaller::noDependenciesRunNoNpm()
{
    m_installer->setNpmProgram(QStringLiteral("/nonexistent/npm"));
    const DependencyInstallJobResult outcome = waitForJob(m_installer->install({}));
    QVERIFY2(outcome.succeeded, qPrintable(outcome.message()));
    QVERIFY(outcome.modulesDir.isEmpty());
    QVERIFY(m_registry->requests().isEmpty());
}

void TestDependencyInstaller::invalidDependencyRunsNoNpm()
{
    const DependencyInstallJobResult outcome
        = waitForJob(m_installer->install({{QStringLiteral("../evil"), QStringLiteral("1.0.0")}}));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Invalid);
    QVERIFY2(outcome.message().contains(QStringLiteral("../evil")), qPrintable(outcome.message()));
    QVERIFY(m_registry->requests().isEmpty());
    QVERIFY(QDir(m_cacheRoot->path()).isEmpty());
}

void TestDependencyInstaller::installsIntoTheCache()
{
    const Dependencies dependencies {{kGreeting, QStringLiteral("^1.0.0")},
                                     {kScoped, QStringLiteral("0.3.1")}};
    QVERIFY(!m_installer->isInstalled(dependencies));
    const DependencyInstallJobResult outcome = waitForJob(m_installer->install(dependencies));
    QVERIFY2(outcome.succeeded, qPrintable(outcome.message()));
    QVERIFY(!outcome.fromCache);
    QCOMPARE(outcome.modulesDir, m_installer->modulesDir(dependencies));
    QVERIFY(outcome.modulesDir.startsWith(m_cacheRoot->path() + QLatin1Char('/')
                                          + DependencyInstaller::cacheKey(dependencies)));

    // ^1.0.0 resolves to the newest 1.x; the scoped package lands under its scope.
    QFile greeting(outcome.modulesDir + QStringLiteral("/authdeck-greeting/index.js"));
    QVERIFY2(greeting.open(QIODevice::ReadOnly), qPrintable(greeting.fileName()));
    QCOMPARE(greeting.readAll(), QByteArray("module.exports = () => 'hello 1.2';\n"));
    QVERIFY(QFile::exists(outcome.modulesDir + QStringLiteral("/@authdeck/format/index.js")));
    QVERIFY(m_registry->requests().contains(QStringLiteral("/@authdeck/format")));
    QVERIFY(m_installer->isInstalled(dependencies));
    QCOMPARE(leftovers(), QStringList());
}

void TestDependencyInstaller::completeCacheIsReusedWithoutNpm()
{
    const Dependencies dependencies {{kGreeting, QStringLiteral("1.0.0")}};
    const DependencyInstallJobResult first = waitForJob(m_installer->install(dependencies));
    QVERIFY2(first.succeeded, qPrintable(first.message()));
    const int requests = m_registry->requests().size();
    QVERIFY(requests > 0);

    // Without a working npm, only the cache can answer.
    m_installer->setNpmProgram(QStringLiteral("/nonexistent/npm"));
    const DependencyInstallJobResult second = waitForJob(m_installer->install(dependencies));
    QVERIFY2(second.succeeded, qPrintable(second.message()));
    QVERIFY(second.fromCache);
    QCOMPARE(second.modulesDir, first.modulesDir);
    QCOMPARE(m_registry->requests().size(), requests);
}

void TestDependencyInstaller::unknownPackageLeavesNoCache()
{
    const Dependencies dependencies {{QStringLiteral("no-such-package"), QStringLiteral("1.0.0")}};
    const DependencyInstallJobResult outcome = waitForJob(m_installer->install(dependencies));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Invalid);
    QCOMPARE(outcome.message(), QStringLiteral("Package no-such-package was not found in the registry."));
    QVERIFY(outcome.modulesDir.isEmpty());
    QVERIFY(!m_installer->isInstalled(dependencies));
    QCOMPARE(leftovers(), QStringList());
    QVERIFY(!QFile::exists(m_cacheRoot->filePath(DependencyInstaller::cacheKey(dependencies))));
}

void TestDependencyInstaller::unknownVersionIsNamed()
{
    const DependencyInstallJobResult outcome
        = waitForJob(m_installer->install({{kGreeting, QStringLiteral("^9.0.0")}}));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Invalid);
    QCOMPARE(outcome.message(), QStringLiteral("No version of authdeck-greeting matches ^9.0.0."));
    QCOMPARE(leftovers(), QStringList());
}

void TestDependencyInstaller::unreachableRegistry()
{
    // Port 1 (tcpmux): privileged and unused, so nothing listens there. A port that was free a moment ago
    // could be taken by a suite running beside this one.
    const QUrl closed(QStringLiteral("http://127.0.0.1:1/"));
    m_installer->setRegistry(closed);

    const DependencyInstallJobResult outcome
        = waitForJob(m_installer->install({{kGreeting, QStringLiteral("1.0.0")}}));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Unavailable);
    const QString expected = QStringLiteral("Could not reach the npm registry (%1): ").arg(closed.toString());
    QVERIFY2(outcome.message().startsWith(expected), qPrintable(outcome.message()));
    QVERIFY2(outcome.message().contains(QStringLiteral("ECONNREFUSED")), qPrintable(outcome.message()));
    QCOMPARE(leftovers(), QStringList());
}

void TestDependencyInstaller::npmMissing()
{
    m_installer->setNpmProgram(QStringLiteral("/nonexistent/bin/npm"));
    const DependencyInstallJobResult outcome
        = waitForJob(m_installer->install({{kGreeting, QStringLiteral("1.0.0")}}));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Unavailable);
    QVERIFY2(outcome.message().startsWith(QStringLiteral("npm is not installed: /nonexistent/bin/npm")),
             qPrintable(outcome.message()));
    QVERIFY2(outcome.message().contains(QStringLiteral("apt install npm")), qPrintable(outcome.message()));
    QCOMPARE(leftovers(), QStringList());
}

void TestDependencyInstaller::slowRegistryTimesOut()
{
    // Accepts connections and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    m_installer->setRegistry(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(silent.serverPort())));
    m_installer->setTimeoutMs(1500);

    const DependencyInstallJobResult outcome
        = waitForJob(m_installer->install({{kGreeting, QStringLiteral("1.0.0")}}));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Timeout);
    QVERIFY2(outcome.message().contains(QStringLiteral("within 1 s")), qPrintable(outcome.message()));
    QCOMPARE(leftovers(), QStringList());
}

QTEST_GUILESS_MAIN(TestDependencyInstaller)
#include "TestDependencyInstaller.moc"
