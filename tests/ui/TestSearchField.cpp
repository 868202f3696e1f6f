// The search fields of the pages as a screen reader finds them: the magnifier is decoration (no button that
// does nothing), and the clear button that appears with text says what it does and clears the field.

#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/shell/MainWindow.h"

#include <QAccessible>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

/// The buttons a screen reader finds inside @p field, by name (an unnamed one as "").
QStringList buttonsIn(QLineEdit *field)
{
    QStringList names;
    QAccessibleInterface *edit = QAccessible::queryAccessibleInterface(field);
    for (int i = 0; edit && i < edit->childCount(); ++i) {
        QAccessibleInterface *child = edit->child(i);
        if (child && !child->state().invisible && child->actionInterface()
            && !child->actionInterface()->actionNames().isEmpty())
            names << child->text(QAccessible::Name);
    }
    return names;
}

QAccessibleInterface *buttonNamed(QLineEdit *field, const QString &name)
{
    QAccessibleInterface *edit = QAccessible::queryAccessibleInterface(field);
    for (int i = 0; edit && i < edit->childCount(); ++i) {
        QAccessibleInterface *child = edit->child(i);
        if (child && !child->state().invisible && child->text(QAccessible::Name) == name)
            return child;
    }
    return nullptr;
}

} // namespace

class TestSearchField : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void onlyTheClearButton_data();
    void onlyTheClearButton();

private:
    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestSearchField::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_searchfield"));
    QAccessible::setActive(true);
}

void TestSearchField::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestSearchField::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

void TestSearchField::onlyTheClearButton_data()
{
    QTest::addColumn<Page::Id>("page");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("field");

    QTest::newRow("applications") << Page::Id::Applications << QString()
                                  << QStringLiteral("applicationSearch");
    QTest::newRow("users") << Page::Id::Users << QString() << QStringLiteral("userSearch");
    QTest::newRow("integrations") << Page::Id::ActionsCatalog << QString() << QStringLiteral("catalogSearch");
    QTest::newRow("custom actions") << Page::Id::ActionsLibrary << QStringLiteral("custom")
                                    << QStringLiteral("customActionSearch");
    QTest::newRow("flow palette") << Page::Id::FlowEditor << QStringLiteral("send-phone-message")
                                  << QStringLiteral("paletteSearch");
    QTest::newRow("logs user filter") << Page::Id::Logs << QString() << QStringLiteral("logUserFilter");
}

void TestSearchField::onlyTheClearButton()
{
    QFETCH(Page::Id, page);
    QFETCH(QString, argument);
    QFETCH(QString, field);

    QVERIFY(m_window->showPage(page, argument));
    auto *search = m_window->page(page)->findChild<QLineEdit *>(field);
    QVERIFY(search);
    QTRY_VERIFY(search->isVisible());
    QVERIFY(!QAccessible::queryAccessibleInterface(search)->text(QAccessible::Name).isEmpty());
    QCOMPARE(buttonsIn(search), QStringList());

    UiTest::retype(search, QStringLiteral("zz"));
    QTRY_COMPARE(buttonsIn(search), QStringList {QStringLiteral("Clear search")});

    QAccessibleInterface *clear = buttonNamed(search, QStringLiteral("Clear search"));
    QVERIFY(clear);
    clear->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
    QTRY_COMPARE(search->text(), QString());
}

QTEST_MAIN(TestSearchField)
#include "TestSearchField.moc"
