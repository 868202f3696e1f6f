// The sidebar on the real main window as a screen reader drives it: section headers are not entries and do
// not share their names, and selecting an entry through the accessibility tree opens its page.

#include "tests/support/TempTenant.h"
#include "ui/shell/MainWindow.h"

#include <QAccessible>
#include <QListWidget>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

/// How the entry is chosen.
enum class Choice
{
    ToggleAction, ///< the item's own action, as Orca's "activate" does
    ListSelection, ///< the list's selection interface
    Keyboard, ///< End, for comparison
};

} // namespace

class TestSidebar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void sectionsAreNotEntries();
    void choosingAnEntryOpensItsPage_data();
    void choosingAnEntryOpensItsPage();

private:
    QAccessibleInterface *list() const;
    /// The accessible item named @p name in the sidebar, or null.
    QAccessibleInterface *item(const QString &name) const;

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestSidebar::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_sidebar"));
    QAccessible::setActive(true);
}

void TestSidebar::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->currentPageId(), Page::Id::GettingStarted);
}

void TestSidebar::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

QAccessibleInterface *TestSidebar::list() const
{
    return QAccessible::queryAccessibleInterface(
        m_window->findChild<QListWidget *>(QStringLiteral("sidebarList")));
}

QAccessibleInterface *TestSidebar::item(const QString &name) const
{
    QAccessibleInterface *sidebar = list();
    for (int i = 0; sidebar && i < sidebar->childCount(); ++i) {
        QAccessibleInterface *child = sidebar->child(i);
        if (child && child->role() == QAccessible::ListItem && child->text(QAccessible::Name) == name)
            return child;
    }
    return nullptr;
}

void TestSidebar::sectionsAreNotEntries()
{
    QAccessibleInterface *sidebar = list();
    QVERIFY(sidebar);
    QSet<QString> names;
    int sections = 0;
    int entries = 0;
    for (int i = 0; i < sidebar->childCount(); ++i) {
        QAccessibleInterface *child = sidebar->child(i);
        QVERIFY(child);
        if (child->role() != QAccessible::ListItem)
            continue;
        const QString name = child->text(QAccessible::Name);
        QVERIFY2(!names.contains(name), qPrintable(QStringLiteral("“%1” twice").arg(name)));
        names.insert(name);
        if (name.endsWith(QLatin1String(" section"))) {
            ++sections;
            QVERIFY2(!child->state().selectable, qPrintable(name));
        } else {
            ++entries;
            QVERIFY2(child->state().selectable, qPrintable(name));
        }
    }
    QCOMPARE(sections, 6);
    QCOMPARE(entries, 9);
    QVERIFY(names.contains(QStringLiteral("Applications section")));
    QVERIFY(names.contains(QStringLiteral("Applications")));
}

void TestSidebar::choosingAnEntryOpensItsPage_data()
{
    QTest::addColumn<Choice>("choice");
    QTest::addColumn<QString>("entry");
    QTest::addColumn<Page::Id>("page");

    QTest::newRow("toggle action: Logs") << Choice::ToggleAction << QStringLiteral("Logs") << Page::Id::Logs;
    QTest::newRow("toggle action: Applications")
        << Choice::ToggleAction << QStringLiteral("Applications") << Page::Id::Applications;
    QTest::newRow("list selection: Users")
        << Choice::ListSelection << QStringLiteral("Users") << Page::Id::Users;
    QTest::newRow("keyboard: Settings")
        << Choice::Keyboard << QStringLiteral("Settings") << Page::Id::TenantSettings;
}

void TestSidebar::choosingAnEntryOpensItsPage()
{
    QFETCH(Choice, choice);
    QFETCH(QString, entry);
    QFETCH(Page::Id, page);

    QAccessibleInterface *chosen = item(entry);
    QVERIFY(chosen);
    QVERIFY(!chosen->state().selected);
    switch (choice) {
    case Choice::ToggleAction:
        QVERIFY(chosen->actionInterface());
        QVERIFY(
            chosen->actionInterface()->actionNames().contains(QAccessibleActionInterface::toggleAction()));
        chosen->actionInterface()->doAction(QAccessibleActionInterface::toggleAction());
        break;
    case Choice::ListSelection:
        QVERIFY(list()->tableInterface());
        QVERIFY(list()->tableInterface()->selectRow(chosen->tableCellInterface()->rowIndex()));
        break;
    case Choice::Keyboard: {
        auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebarList"));
        sidebar->setFocus();
        QTest::keyClick(sidebar, Qt::Key_End);
        break;
    }
    }
    QCOMPARE(m_window->currentPageId(), page);
    QVERIFY(m_window->page(page)->isVisible());
    QVERIFY(item(entry)->state().selected);
}

QTEST_MAIN(TestSidebar)
#include "TestSidebar.moc"
