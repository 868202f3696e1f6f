// Help > Keyboard Shortcuts on the real main window: every key of the menus, read from their actions (a key
// changed on an action shows as changed), the code editor's keys, and no key that two actions share.

#include "tests/support/TempTenant.h"
#include "ui/shell/KeyboardShortcutsDialog.h"
#include "ui/shell/MainWindow.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include <memory>

class TestKeyboardShortcuts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void opensFromTheHelpMenu();
    void listsEachKey_data();
    void listsEachKey();
    void followsTheActions();
    void noKeyDoesTwoThings();
    void closes();

private:
    /// Triggers Help > Keyboard Shortcuts as the admin does; the dialog it opened.
    KeyboardShortcutsDialog *openDialog();
    /// The dialog's rows: group title → (what → keys).
    static QMap<QString, QMap<QString, QString>> rowsOf(const KeyboardShortcutsDialog *dialog);
    QAction *menuAction(const QString &objectName) const;

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestKeyboardShortcuts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_keyboardshortcuts"));
}

void TestKeyboardShortcuts::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKeyboardShortcuts::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

QAction *TestKeyboardShortcuts::menuAction(const QString &objectName) const
{
    for (QAction *entry : m_window->menuBar()->actions()) {
        if (!entry->menu())
            continue;
        for (QAction *action : entry->menu()->actions()) {
            if (action->objectName() == objectName)
                return action;
        }
    }
    return nullptr;
}

KeyboardShortcutsDialog *TestKeyboardShortcuts::openDialog()
{
    QAction *action = menuAction(QStringLiteral("keyboardShortcutsAction"));
    if (!action)
        return nullptr;
    action->trigger();
    return m_window->findChild<KeyboardShortcutsDialog *>(QStringLiteral("keyboardShortcutsDialog"));
}

QMap<QString, QMap<QString, QString>> TestKeyboardShortcuts::rowsOf(const KeyboardShortcutsDialog *dialog)
{
    QMap<QString, QMap<QString, QString>> rows;
    const auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("shortcutList"));
    for (int group = 0; list && group < list->topLevelItemCount(); ++group) {
        const QTreeWidgetItem *title = list->topLevelItem(group);
        QMap<QString, QString> &keys = rows[title->text(0)];
        for (int child = 0; child < title->childCount(); ++child)
            keys.insert(title->child(child)->text(0), title->child(child)->text(1));
    }
    return rows;
}

void TestKeyboardShortcuts::opensFromTheHelpMenu()
{
    KeyboardShortcutsDialog *dialog = openDialog();
    QVERIFY2(dialog, "Help > Keyboard Shortcuts opened no dialog");
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->isModal());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Keyboard Shortcuts"));
    QCOMPARE(menuAction(QStringLiteral("keyboardShortcutsAction"))->shortcut(),
             QKeySequence(Qt::CTRL | Qt::Key_Question));
}

void TestKeyboardShortcuts::listsEachKey_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("what");
    QTest::addColumn<QKeySequence>("key");

    QTest::newRow("quit") << "File"
                          << "Quit" << QKeySequence(Qt::CTRL | Qt::Key_Q);
    QTest::newRow("export") << "File"
                            << "Export Tenant…" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E);
    QTest::newRow("import") << "File"
                            << "Import Tenant…" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I);
    QTest::newRow("first page") << "Go"
                                << "Getting Started" << QKeySequence(Qt::CTRL | Qt::Key_1);
    QTest::newRow("logs") << "Go"
                          << "Logs" << QKeySequence(Qt::CTRL | Qt::Key_7);
    QTest::newRow("last page") << "Go"
                               << "Tenant Settings" << QKeySequence(Qt::CTRL | Qt::Key_8);
    QTest::newRow("undo") << "Edit"
                          << "Undo" << QKeySequence(Qt::CTRL | Qt::Key_Z);
    QTest::newRow("redo") << "Edit"
                          << "Redo" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
    QTest::newRow("test phone") << "Tools"
                                << "Test phone" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T);
    QTest::newRow("this dialog") << "Help"
                                 << "Keyboard Shortcuts" << QKeySequence(Qt::CTRL | Qt::Key_Question);
    QTest::newRow("save draft") << "Action code editor"
                                << "Save the draft" << QKeySequence(Qt::CTRL | Qt::Key_S);
    QTest::newRow("find") << "Action code editor"
                          << "Find in the code" << QKeySequence(Qt::CTRL | Qt::Key_F);
    QTest::newRow("close find") << "Action code editor"
                                << "Close the find bar" << QKeySequence(Qt::Key_Escape);
}

void TestKeyboardShortcuts::listsEachKey()
{
    QFETCH(QString, group);
    QFETCH(QString, what);
    QFETCH(QKeySequence, key);

    KeyboardShortcutsDialog *dialog = openDialog();
    QVERIFY(dialog);
    const auto rows = rowsOf(dialog);
    QVERIFY2(rows.contains(group), qPrintable(QStringList(rows.keys()).join(QStringLiteral(", "))));
    QVERIFY2(rows.value(group).contains(what),
             qPrintable(QStringList(rows.value(group).keys()).join(QStringLiteral(", "))));
    const QString keys = rows.value(group).value(what);
    QVERIFY2(keys.split(QStringLiteral(" or ")).contains(key.toString(QKeySequence::NativeText)),
             qPrintable(keys));
}

void TestKeyboardShortcuts::followsTheActions()
{
    // A key given to an action shows in the dialog, and its old key no longer does.
    QAction *testPhone = menuAction(QStringLiteral("testPhoneAction"));
    QVERIFY(testPhone);
    testPhone->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    auto *extra = new QAction(QStringLiteral("&Reload the && tenant"), m_window.get());
    extra->setShortcut(QKeySequence(Qt::Key_F5));
    for (QAction *entry : m_window->menuBar()->actions()) {
        if (entry->menu() && entry->menu()->actions().contains(testPhone))
            entry->menu()->addAction(extra);
    }

    KeyboardShortcutsDialog *dialog = openDialog();
    QVERIFY(dialog);
    const QMap<QString, QString> tools = rowsOf(dialog).value(QStringLiteral("Tools"));
    QCOMPARE(tools.value(QStringLiteral("Test phone")),
             QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P).toString(QKeySequence::NativeText));
    QCOMPARE(tools.value(QStringLiteral("Reload the & tenant")), QStringLiteral("F5"));
}

void TestKeyboardShortcuts::noKeyDoesTwoThings()
{
    // The window's keys work everywhere, so none may do two things, nor be one of the editor's keys.
    KeyboardShortcutsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QMap<QString, QString> owners;
    const auto rows = rowsOf(dialog);
    for (auto group = rows.cbegin(); group != rows.cend(); ++group) {
        for (auto row = group.value().cbegin(); row != group.value().cend(); ++row) {
            for (const QString &key : row.value().split(QStringLiteral(" or "))) {
                const QString owner = group.key() + QStringLiteral(" > ") + row.key();
                QVERIFY2(
                    !owners.contains(key),
                    qPrintable(QStringLiteral("%1 is both %2 and %3").arg(key, owners.value(key), owner)));
                owners.insert(key, owner);
            }
        }
    }
    QVERIFY(owners.size() >= 16);
}

void TestKeyboardShortcuts::closes()
{
    KeyboardShortcutsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QPointer<KeyboardShortcutsDialog> watched(dialog);
    auto *close = dialog->findChild<QPushButton *>(QStringLiteral("closeButton"));
    QVERIFY(close);
    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_VERIFY(watched.isNull()); // deleted on close
}

QTEST_MAIN(TestKeyboardShortcuts)

#include "TestKeyboardShortcuts.moc"
