// File > Export Tenant… and File > Import Tenant… on the real main window: the File menu holds both with
// their keys, and each opens its dialog over the window, deleted when closed.

#include "tests/support/TempTenant.h"
#include "ui/exchange/ExportDialog.h"
#include "ui/exchange/ImportDialog.h"
#include "ui/shell/MainWindow.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

#include <memory>

class TestTenantExchangeActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void inTheFileMenu_data();
    void inTheFileMenu();
    void opensTheDialog_data();
    void opensTheDialog();

private:
    QMenu *fileMenu() const;

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestTenantExchangeActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_tenantexchangeactions"));
}

void TestTenantExchangeActions::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestTenantExchangeActions::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

QMenu *TestTenantExchangeActions::fileMenu() const
{
    const QList<QAction *> entries = m_window->menuBar()->actions();
    return entries.isEmpty() ? nullptr : entries.first()->menu();
}

void TestTenantExchangeActions::inTheFileMenu_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QKeySequence>("key");

    QTest::newRow("export") << "exportTenantAction"
                            << "&Export Tenant…" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E);
    QTest::newRow("import") << "importTenantAction"
                            << "&Import Tenant…" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I);
}

void TestTenantExchangeActions::inTheFileMenu()
{
    QFETCH(QString, action);
    QFETCH(QString, text);
    QFETCH(QKeySequence, key);
    QMenu *file = fileMenu();
    QVERIFY(file);
    QCOMPARE(file->title(), QStringLiteral("&File"));
    QAction *found = nullptr;
    for (QAction *entry : file->actions())
        if (entry->objectName() == action)
            found = entry;
    QVERIFY2(found, qPrintable(action));
    QCOMPARE(found->text(), text);
    QCOMPARE(found->shortcut(), key);
}

void TestTenantExchangeActions::opensTheDialog_data()
{
    QTest::addColumn<QKeySequence>("key");
    QTest::addColumn<QString>("dialog");
    QTest::addColumn<QString>("closeButton");

    QTest::newRow("export") << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E) << "exportDialog"
                            << "closeButton";
    QTest::newRow("import") << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I) << "importDialog"
                            << "cancelButton";
}

void TestTenantExchangeActions::opensTheDialog()
{
    QFETCH(QKeySequence, key);
    QFETCH(QString, dialog);
    QFETCH(QString, closeButton);
    QTest::keySequence(m_window.get(), key);
    QPointer<QDialog> opened;
    QTRY_VERIFY((opened = m_window->findChild<QDialog *>(dialog)) && opened->isVisible());
    QVERIFY(opened->isModal());
    QVERIFY(qobject_cast<ExportDialog *>(opened) || qobject_cast<ImportDialog *>(opened));
    QTest::mouseClick(opened->findChild<QPushButton *>(closeButton), Qt::LeftButton);
    QTRY_VERIFY(opened.isNull()); // deleted on close
}

QTEST_MAIN(TestTenantExchangeActions)

#include "TestTenantExchangeActions.moc"
