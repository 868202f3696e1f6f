// Dialog buttons and confirmation boxes in Authdeck's flat look, on a desktop whose style puts stock icons
// on dialog buttons (as KDE's and GNOME's do): no red-X Cancel, no stock warning triangle; the
// confirmation boxes carry the project's own icon.

#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/applications/ApplicationPage.h"
#include "ui/applications/CreateApplicationDialog.h"
#include "ui/applications/DeleteApplicationDialog.h"
#include "ui/common/UnsavedChanges.h"
#include "ui/library/ConfigureIntegrationDialog.h"
#include "ui/shell/MainWindow.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QMessageBox>
#include <QProxyStyle>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTest>

#include <functional>
#include <memory>

namespace {

/// Fusion with stock icons on dialog buttons, as desktop platform themes ask for.
class StockIconStyle : public QProxyStyle
{
public:
    StockIconStyle()
        : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
    { }

    int styleHint(StyleHint hint,
                  const QStyleOption *option,
                  const QWidget *widget,
                  QStyleHintReturn *returnData) const override
    {
        if (hint == SH_DialogButtonBox_ButtonsHaveIcons)
            return 1;
        return QProxyStyle::styleHint(hint, option, widget, returnData);
    }
};

/// The buttons of @p dialog that show an icon, by text.
QStringList buttonsWithIcons(const QWidget *dialog)
{
    QStringList found;
    const QList<QAbstractButton *> buttons = dialog->findChildren<QAbstractButton *>();
    for (const QAbstractButton *button : buttons) {
        if (qobject_cast<const QDialogButtonBox *>(button->parentWidget()) && !button->icon().isNull())
            found.append(button->text());
    }
    return found;
}

} // namespace

class TestDialogIcons : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void stockIconsShowOnThisStyle();
    void dialogButtons_data();
    void dialogButtons();
    void confirmationBoxes_data();
    void confirmationBoxes();

private:
    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestDialogIcons::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_dialogicons"));
    QApplication::setStyle(new StockIconStyle);
}

void TestDialogIcons::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestDialogIcons::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

void TestDialogIcons::stockIconsShowOnThisStyle()
{
    // Without this the checks below could not fail.
    QDialogButtonBox plain(QDialogButtonBox::Cancel);
    QVERIFY(!plain.button(QDialogButtonBox::Cancel)->icon().isNull());
    QMessageBox box(QMessageBox::Warning, QStringLiteral("Title"), QStringLiteral("Text"));
    QVERIFY(!box.iconPixmap().isNull());
}

void TestDialogIcons::dialogButtons_data()
{
    QTest::addColumn<QString>("dialog");

    QTest::newRow("Configure Plivo") << QStringLiteral("configure");
    QTest::newRow("Create Application") << QStringLiteral("create");
    QTest::newRow("Delete Application") << QStringLiteral("delete");
}

void TestDialogIcons::dialogButtons()
{
    QFETCH(QString, dialog);
    std::unique_ptr<QDialog> shown;
    if (dialog == QLatin1String("configure")) {
        const CatalogEntry *plivo = m_tenant->tenant().integrations().catalog().find(QStringLiteral("plivo"));
        QVERIFY(plivo);
        shown = std::make_unique<ConfigureIntegrationDialog>(
            m_tenant->tenant().integrations(), m_tenant->tenant().sms(), *plivo, m_window.get());
    } else if (dialog == QLatin1String("create")) {
        shown = std::make_unique<CreateApplicationDialog>(m_tenant->tenant().applications(), m_window.get());
    } else {
        shown = std::make_unique<DeleteApplicationDialog>(QStringLiteral("My App"), m_window.get());
    }
    shown->show();
    QVERIFY(QTest::qWaitForWindowExposed(shown.get()));
    QVERIFY(shown->findChild<QDialogButtonBox *>());
    QCOMPARE(buttonsWithIcons(shown.get()), QStringList());
}

void TestDialogIcons::confirmationBoxes_data()
{
    QTest::addColumn<QString>("box");

    QTest::newRow("Require MFA always?") << QStringLiteral("alwaysConfirmation");
    QTest::newRow("Unsaved changes") << QStringLiteral("unsavedChangesBox");
    QTest::newRow("Rotate the client secret?") << QStringLiteral("rotateConfirmation");
}

void TestDialogIcons::confirmationBoxes()
{
    QFETCH(QString, box);
    std::function<void()> open;
    if (box == QLatin1String("alwaysConfirmation")) {
        QVERIFY(m_window->showPage(Page::Id::MultiFactor));
        auto *always = m_window->page(Page::Id::MultiFactor)
                           ->findChild<QRadioButton *>(QStringLiteral("policyAlways"));
        QVERIFY(always);
        open = [always] { UiTest::clickToggle(always); };
    } else if (box == QLatin1String("unsavedChangesBox")) {
        open = [this] {
            UnsavedChanges::confirm(
                m_window.get(),
                {QStringLiteral("Unsaved changes"), QStringLiteral("Text"), {}},
                [] { return true; },
                [] {});
        };
    } else {
        auto created = m_tenant->tenant().applications().create(
            {QStringLiteral("Web App"), ApplicationType::RegularWeb, {}, {}});
        QVERIFY2(created, errorBytes(created));
        QVERIFY(m_window->showPage(Page::Id::Application, created.value().clientId));
        auto *page = qobject_cast<ApplicationPage *>(m_window->page(Page::Id::Application));
        QVERIFY(page);
        page->tabs()->setCurrentIndex(1);
        auto *rotate = page->findChild<QPushButton *>(QStringLiteral("rotateSecretButton"));
        QVERIFY(rotate);
        QTRY_VERIFY(rotate->isVisible());
        open = [rotate] { QTest::mouseClick(rotate, Qt::LeftButton); };
    }

    ModalAnswer answer(box, [](QWidget *modal, QStringList &failures) {
        auto *message = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, message);
        UI_CHECK(failures, message->icon() == QMessageBox::NoIcon); // no stock triangle or question mark
        UI_CHECK(failures, !message->iconPixmap().isNull()); // the project's own icon instead
        UI_CHECK(failures, buttonsWithIcons(message).isEmpty());
        UI_CHECK(failures, message->button(QMessageBox::Cancel));
        QTest::mouseClick(message->button(QMessageBox::Cancel), Qt::LeftButton);
    });
    open();
    QTRY_VERIFY(answer.isDone());
    UI_VERIFY_ANSWERED(answer);
}

QTEST_MAIN(TestDialogIcons)
#include "TestDialogIcons.moc"
