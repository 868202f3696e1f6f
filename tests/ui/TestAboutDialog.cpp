// Help > About on the real main window: Authdeck's version and the Qt it runs on, the open tenant file, and
// each linked library with its version and license, the same ones the Debian copyright file
// (packaging/copyright, installed as /usr/share/doc/authdeck/copyright) names.

#include "tests/support/TempTenant.h"
#include "ui/shell/AboutDialog.h"
#include "ui/shell/MainWindow.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <memory>

class TestAboutDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void opensFromTheHelpMenu();
    void listsEachLinkedLibrary_data();
    void listsEachLinkedLibrary();
    void saysWhereTheLicensesAre();
    void closes();

private:
    /// Opens Help > About Authdeck in the window, as the admin does.
    AboutDialog *openAbout();

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestAboutDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_aboutdialog"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AUTHDECK_VERSION));
}

void TestAboutDialog::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
}

void TestAboutDialog::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

AboutDialog *TestAboutDialog::openAbout()
{
    QMenu *help = nullptr;
    for (QAction *action : m_window->menuBar()->actions()) {
        if (action->text() == QLatin1String("&Help"))
            help = action->menu();
    }
    if (!help)
        return nullptr;
    const QList<QAction *> items = help->actions();
    const auto about = std::find_if(items.begin(), items.end(), [](const QAction *action) {
        return action->objectName() == QLatin1String("aboutAction");
    });
    if (about == items.end())
        return nullptr;
    (*about)->trigger();
    return m_window->findChild<AboutDialog *>(QStringLiteral("aboutDialog"));
}

void TestAboutDialog::opensFromTheHelpMenu()
{
    AboutDialog *about = openAbout();
    QVERIFY2(about, "Help > About Authdeck opened no About dialog");
    QTRY_VERIFY(about->isVisible());
    QVERIFY(about->isModal());

    QCOMPARE(about->findChild<QLabel *>(QStringLiteral("pageTitle"))->text(),
             QStringLiteral("Authdeck " AUTHDECK_VERSION));
    const QString qt = about->findChild<QLabel *>(QStringLiteral("aboutQt"))->text();
    QVERIFY2(qt.contains(QStringLiteral("Running on Qt %1").arg(QString::fromLatin1(qVersion()))),
             qPrintable(qt));
    QVERIFY(about->findChild<QLabel *>(QStringLiteral("aboutTenant"))->text().contains(m_tenant->path()));
}

void TestAboutDialog::listsEachLinkedLibrary_data()
{
    QTest::addColumn<QString>("library");
    QTest::addColumn<QString>("license");
    QTest::addColumn<QString>("copyrightName");
    QTest::addColumn<QString>("copyrightLicense");
    QTest::addColumn<bool>("reportsVersion");

    QTest::newRow("Qt") << "Qt"
                        << "LGPL-3.0-only OR GPL-2.0-only"
                        << "Qt 6"
                        << "LGPL-3 or GPL-2" << true;
    QTest::newRow("Qt HTTP Server") << "Qt HTTP Server"
                                    << "GPL-3.0-only"
                                    << "Qt HTTP Server"
                                    << "GPL-3" << true;
    QTest::newRow("QtKeychain") << "QtKeychain"
                                << "BSD-2-Clause"
                                << "QtKeychain"
                                << "BSD-2-Clause" << true;
    QTest::newRow("libsodium") << "libsodium"
                               << "ISC"
                               << "libsodium"
                               << "ISC" << true;
    QTest::newRow("libphonenumber, which reports no version") << "libphonenumber"
                                                              << "Apache-2.0"
                                                              << "libphonenumber"
                                                              << "Apache-2.0" << false;
    QTest::newRow("OpenSSL") << "OpenSSL"
                             << "Apache-2.0"
                             << "OpenSSL"
                             << "Apache-2.0" << true;
}

void TestAboutDialog::listsEachLinkedLibrary()
{
    QFETCH(QString, library);
    QFETCH(QString, license);
    QFETCH(QString, copyrightName);
    QFETCH(QString, copyrightLicense);
    QFETCH(bool, reportsVersion);

    AboutDialog *about = openAbout();
    QVERIFY(about);
    auto *libraries = about->findChild<QTreeWidget *>(QStringLiteral("aboutLibraries"));
    QVERIFY(libraries);
    QCOMPARE(libraries->topLevelItemCount(), 6);
    const QList<QTreeWidgetItem *> rows = libraries->findItems(library, Qt::MatchExactly, 0);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.constFirst()->text(2), license);
    QVERIFY2(!rows.constFirst()->text(3).isEmpty(), "the library's row does not say what it is used for");
    const QString version = rows.constFirst()->text(1);
    if (reportsVersion)
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+(\\.\\d+)?")).match(version).hasMatch(),
                 qPrintable(version));
    else
        QCOMPARE(version, QStringLiteral("not reported"));
    if (library.startsWith(QLatin1String("Qt ")) || library == QLatin1String("Qt"))
        QCOMPARE(version, QString::fromLatin1(qVersion()));

    // The Debian copyright file lists the same library with the same license.
    QFile copyright(QStringLiteral(AUTHDECK_SOURCE_DIR "/packaging/copyright"));
    QVERIFY2(copyright.open(QIODevice::ReadOnly), qPrintable(copyright.fileName()));
    const QStringList lines = QString::fromUtf8(copyright.readAll()).split(QLatin1Char('\n'));
    const bool listed = std::any_of(lines.begin(), lines.end(), [&](const QString &line) {
        return line.startsWith(QStringLiteral("  ") + copyrightName + QLatin1Char(' '))
            && QString(line + QLatin1Char(' '))
                   .contains(QLatin1Char(' ') + copyrightLicense + QLatin1Char(' '));
    });
    QVERIFY2(listed,
             qPrintable(QStringLiteral("packaging/copyright does not list %1 as %2")
                            .arg(copyrightName, copyrightLicense)));
}

void TestAboutDialog::saysWhereTheLicensesAre()
{
    AboutDialog *about = openAbout();
    QVERIFY(about);
    const QString text = about->findChild<QLabel *>(QStringLiteral("aboutLicense"))->text();
    QVERIFY2(text.contains(QLatin1String("GPL 3.0")), "the GPL-3.0 of Qt HTTP Server is not explained");
    QVERIFY(text.contains(QLatin1String("/usr/share/doc/authdeck/copyright")));
}

void TestAboutDialog::closes()
{
    QPointer<AboutDialog> about = openAbout();
    QVERIFY(about);
    QTRY_VERIFY(about->isVisible());
    QPushButton *close = about->findChild<QPushButton *>(QStringLiteral("closeButton"));
    QVERIFY(close);
    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_VERIFY2(about.isNull(), "the About dialog is still there after Close");
}

QTEST_MAIN(TestAboutDialog)
#include "TestAboutDialog.moc"
