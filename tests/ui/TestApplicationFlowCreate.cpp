// Creating an application on the real main window, its quickstart tab, and the URL lists of its Settings
// tab: what is marked as bad and never saved. Unsaved changes and concurrent edits are in
// TestApplicationFlowEditing.cpp, the client secret and deletion in TestApplicationFlowSecrets.cpp.

#include "core/applications/ApplicationService.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/ui/ApplicationFlowFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/applications/ApplicationPage.h"
#include "ui/applications/ApplicationSettingsTab.h"
#include "ui/applications/QuickstartTab.h"
#include "ui/common/ChoiceCard.h"
#include "ui/common/MessageBar.h"
#include "ui/common/UrlListEdit.h"
#include "ui/shell/MainWindow.h"

#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

/// The issues of a URL list as "index | entry | reason" lines, for QCOMPARE.
QStringList describe(const QList<UrlRules::Issue> &issues)
{
    QStringList lines;
    for (const UrlRules::Issue &issue : issues)
        lines.append(QStringLiteral("%1 | %2 | %3").arg(issue.index).arg(issue.entry, issue.reason));
    return lines;
}

/// The expected issue line for @p entry at @p index of a list of @p kind.
QString issueLine(int index, const QString &entry, UrlRules::Kind kind)
{
    return QStringLiteral("%1 | %2 | %3")
        .arg(index)
        .arg(entry, UrlRules::check(entry, kind).value_or(QString()));
}

/// The inline error line under a URL list (the label with role "error").
QLabel *errorLabel(const UrlListEdit *edit)
{
    const QList<QLabel *> labels = edit->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->property("role").toString() == QLatin1String("error"))
            return label;
    }
    return nullptr;
}

} // namespace

/// Creating applications through the widgets, their quickstart and the URL lists they are saved with.
class TestApplicationFlowCreate : public QObject, private ApplicationFlowFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createApplication_data();
    void createApplication();
    void badUrisAreMarkedAndNotSaved();
    void refusedSaveShowsTheField_data();
    void refusedSaveShowsTheField();
    void quickstartFillsUrisAndDownloadsConfig();
    void quickstartFollowsTheTenantDomain();
};

void TestApplicationFlowCreate::initTestCase()
{
    initApplication(QStringLiteral("tst_ui_applicationflowcreate"));
}

void TestApplicationFlowCreate::init()
{
    setUp();
}

void TestApplicationFlowCreate::cleanup()
{
    tearDown();
}

void TestApplicationFlowCreate::createApplication_data()
{
    QTest::addColumn<QString>("apiValue");
    QTest::addColumn<QString>("technology");

    QTest::newRow("single-page app, React") << QStringLiteral("spa") << QStringLiteral("React");
    QTest::newRow("single-page app, Vue") << QStringLiteral("spa") << QStringLiteral("Vue");
    QTest::newRow("regular web app: no technology") << QStringLiteral("regular_web") << QString();
}

void TestApplicationFlowCreate::createApplication()
{
    QFETCH(QString, apiValue);
    QFETCH(QString, technology);
    const QString name = QStringLiteral("Customer Portal");
    const auto type = ApplicationTypeInfo::fromApiValue(apiValue);
    QVERIFY(type);

    QVERIFY(m_window->showPage(Page::Id::Applications));
    auto *create = m_window->page(Page::Id::Applications)
                       ->findChild<QPushButton *>(QStringLiteral("createApplicationButton"));
    QVERIFY(create);
    QVERIFY(create->isVisible());

    ModalAnswer answer(
        QStringLiteral("createApplicationDialog"), [&](QWidget *dialog, QStringList &failures) {
            auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("applicationName"));
            UI_CHECK(failures, nameEdit);
            UiTest::retype(nameEdit, name);
            UI_CHECK(failures, nameEdit->text() == name);

            auto *card = dialog->findChild<ChoiceCard *>(QStringLiteral("type-") + apiValue);
            UI_CHECK(failures, card);
            QTest::mouseClick(card, Qt::LeftButton);
            UI_CHECK(failures, card->isChecked());

            auto *react = dialog->findChild<QRadioButton *>(QStringLiteral("technology-React"));
            UI_CHECK(failures, react);
            if (technology.isEmpty()) {
                UI_CHECK(failures, !react->isVisible()); // only a single-page app asks for its technology
            } else {
                auto *radio = dialog->findChild<QRadioButton *>(QStringLiteral("technology-") + technology);
                UI_CHECK(failures, radio);
                UI_CHECK(failures, radio->isVisible());
                QTest::mouseClick(radio, Qt::LeftButton);
                UI_CHECK(failures, radio->isChecked());
            }

            auto *createButton = dialog->findChild<QPushButton *>(QStringLiteral("createButton"));
            UI_CHECK(failures, createButton);
            UI_CHECK(failures, createButton->isEnabled());
            QTest::mouseClick(createButton, Qt::LeftButton);
        });
    QTest::mouseClick(create, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);

    QCOMPARE(m_window->currentPageId(), Page::Id::Application);
    const auto list = service().list();
    QVERIFY2(list, errorBytes(list));
    QCOMPARE(list.value().size(), 1);
    const QString clientId = list.value().constFirst().clientId;
    QCOMPARE(applicationPage()->clientId(), clientId);

    const auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, name);
    QCOMPARE(stored.value().type, *type);
    QCOMPARE(stored.value().technology, technology);

    auto *title = applicationPage()->findChild<QLabel *>(QStringLiteral("pageTitle"));
    QVERIFY(title);
    QCOMPARE(title->text(), name);
    // A new application opens on its quickstart.
    QCOMPARE(applicationPage()->tabs()->currentWidget(), applicationPage()->quickstartTab());
}

void TestApplicationFlowCreate::badUrisAreMarkedAndNotSaved()
{
    auto created = service().create({QStringLiteral("Web Portal"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));

    ApplicationSettingsTab *settings = settingsTab();
    auto *callbacks = settings->findChild<UrlListEdit *>(QStringLiteral("callbacksEdit"));
    auto *logoutUrls = settings->findChild<UrlListEdit *>(QStringLiteral("logoutUrlsEdit"));
    auto *webOrigins = settings->findChild<UrlListEdit *>(QStringLiteral("webOriginsEdit"));
    auto *save = settings->findChild<QPushButton *>(QStringLiteral("saveButton"));
    auto *message
        = settings->findChild<MessageBar *>(QStringLiteral("messageBar"), Qt::FindDirectChildrenOnly);
    QVERIFY(callbacks && logoutUrls && webOrigins && save && message);
    QVERIFY(!save->isEnabled());

    const QString badCallback = QStringLiteral("ftp://bad.example.com");
    const QString badOrigin = QStringLiteral("http://localhost:3000/path");
    UiTest::retype(callbacks->editor(), QStringLiteral("http://localhost:3000, ") + badCallback);
    UiTest::retype(webOrigins->editor(), badOrigin);

    // Exactly the bad entries are listed, each with the rule of its own list.
    QCOMPARE(describe(callbacks->issues()),
             QStringList {issueLine(1, badCallback, UrlRules::Kind::Callback)});
    QCOMPARE(describe(webOrigins->issues()),
             QStringList {issueLine(0, badOrigin, UrlRules::Kind::WebOrigin)});
    QVERIFY(logoutUrls->issues().isEmpty());
    for (const UrlRules::Issue &issue : callbacks->issues() + webOrigins->issues())
        QVERIFY2(!issue.reason.isEmpty(), qPrintable(issue.entry));

    QLabel *callbackErrors = errorLabel(callbacks);
    QLabel *originErrors = errorLabel(webOrigins);
    QLabel *logoutErrors = errorLabel(logoutUrls);
    QVERIFY(callbackErrors && originErrors && logoutErrors);
    QVERIFY(callbackErrors->isVisible());
    QVERIFY(callbackErrors->text().contains(badCallback));
    QVERIFY(callbackErrors->text().contains(callbacks->issues().constFirst().reason));
    QVERIFY(!callbackErrors->text().contains(QStringLiteral("“http://localhost:3000”")));
    QVERIFY(originErrors->isVisible());
    QVERIFY(originErrors->text().contains(badOrigin));
    QVERIFY(originErrors->text().contains(webOrigins->issues().constFirst().reason));
    QVERIFY(!logoutErrors->isVisible());

    // Save refuses: nothing is stored and the message bar says so.
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    auto unchanged = service().find(clientId);
    QVERIFY2(unchanged, errorBytes(unchanged));
    QVERIFY(unchanged.value().callbacks.isEmpty());
    QVERIFY(unchanged.value().webOrigins.isEmpty());
    QCOMPARE(unchanged.value().revision, created.value().revision);
    QVERIFY(message->isVisible());
    QCOMPARE(message->level(), MessageBar::Level::Error);
    QVERIFY(!message->text().isEmpty());
    QVERIFY(settings->isDirty()); // the edits are kept to be fixed

    // Fixed entries save.
    const QStringList goodCallbacks {QStringLiteral("http://localhost:3000"),
                                     QStringLiteral("http://localhost:3000/callback")};
    const QStringList goodOrigins {QStringLiteral("http://localhost:3000")};
    const QStringList goodLogoutUrls {QStringLiteral("http://localhost:3000/logged-out")};
    UiTest::retype(callbacks->editor(), goodCallbacks.join(QStringLiteral(", ")));
    UiTest::retype(webOrigins->editor(), goodOrigins.join(QLatin1Char('\n')));
    UiTest::retype(logoutUrls->editor(), goodLogoutUrls.constFirst());
    QVERIFY(callbacks->issues().isEmpty());
    QVERIFY(webOrigins->issues().isEmpty());
    QVERIFY(logoutUrls->issues().isEmpty());
    QVERIFY(!callbackErrors->isVisible());
    QVERIFY(!originErrors->isVisible());

    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(message->level(), MessageBar::Level::Success);
    auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().callbacks, goodCallbacks);
    QCOMPARE(stored.value().webOrigins, goodOrigins);
    QCOMPARE(stored.value().logoutUrls, goodLogoutUrls);
    QVERIFY(!settings->isDirty());
    QVERIFY(!save->isEnabled());

    // Reopened (after another application was shown in the same page), the fields show what is stored.
    auto other = service().create({QStringLiteral("Other App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(other, errorBytes(other));
    QVERIFY(m_window->showPage(Page::Id::Applications));
    QVERIFY(openSettings(other.value().clientId));
    QVERIFY(callbacks->urls().isEmpty());
    QVERIFY(m_window->showPage(Page::Id::Applications));
    QVERIFY(m_window->showPage(Page::Id::Application, clientId));
    QCOMPARE(applicationPage()->tabs()->currentWidget(), settings); // a configured app opens on its settings
    QCOMPARE(callbacks->urls(), goodCallbacks);
    QCOMPARE(webOrigins->urls(), goodOrigins);
    QCOMPARE(logoutUrls->urls(), goodLogoutUrls);
    QVERIFY(callbacks->editor()->toPlainText().contains(goodCallbacks.constLast()));
    QVERIFY(!settings->isDirty());
}

void TestApplicationFlowCreate::refusedSaveShowsTheField_data()
{
    QTest::addColumn<QString>("field"); ///< the object name of the field made bad
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("scrolledToEnd"); ///< where the page stands when Save is pressed

    // At the top the callback URLs are just in view, until the message pushes them below the edge.
    QTest::newRow("bad callback URL, page at the top")
        << QStringLiteral("callbacksEdit") << QStringLiteral("ftp://x") << false;
    QTest::newRow("bad web origin, page at the top")
        << QStringLiteral("webOriginsEdit") << QStringLiteral("http://localhost:3000/path") << false;
    QTest::newRow("blank name, page at the end") << QStringLiteral("nameEdit") << QString() << true;
}

void TestApplicationFlowCreate::refusedSaveShowsTheField()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(bool, scrolledToEnd);
    auto created = service().create({QStringLiteral("Web Portal"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    QVERIFY(openSettings(created.value().clientId));
    QCOMPARE(m_window->size(), QSize(1280, 820)); // a window of normal height

    ApplicationSettingsTab *settings = settingsTab();
    auto *scroll = applicationPage()->findChild<QScrollArea *>(QStringLiteral("pageScroll"));
    auto *save = settings->findChild<QPushButton *>(QStringLiteral("saveButton"));
    QWidget *edit = field == QLatin1String("nameEdit")
        ? static_cast<QWidget *>(settings->findChild<QLineEdit *>(field))
        : settings->findChild<UrlListEdit *>(field)->editor();
    QVERIFY(scroll && save && edit);
    UiTest::retype(edit, value);
    QVERIFY(save->isEnabled());

    const auto inView = [scroll](QWidget *widget) {
        const QRect rect(widget->mapTo(scroll->viewport(), QPoint(0, 0)), widget->size());
        return scroll->viewport()->rect().contains(rect);
    };
    QScrollBar *bar = scroll->verticalScrollBar();
    bar->setValue(scrolledToEnd ? bar->maximum() : 0);
    QTest::mouseClick(save, Qt::LeftButton); // takes the focus, as a click does
    QVERIFY(save->isEnabled()); // refused: the edits are kept

    auto *message
        = settings->findChild<MessageBar *>(QStringLiteral("messageBar"), Qt::FindDirectChildrenOnly);
    QVERIFY(message && message->isVisible());
    QCOMPARE(message->level(), MessageBar::Level::Error);
    QTRY_VERIFY2(inView(edit), "the field the message is about is out of view");
    QCOMPARE(m_window->focusWidget(), edit);
}

void TestApplicationFlowCreate::quickstartFillsUrisAndDownloadsConfig()
{
    auto created = service().create({QStringLiteral("React Sample"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(m_window->showPage(Page::Id::Application, clientId));

    QuickstartTab *quickstart = applicationPage()->quickstartTab();
    ApplicationSettingsTab *settings = settingsTab();
    QCOMPARE(applicationPage()->tabs()->currentWidget(), quickstart);
    auto *fill = quickstart->findChild<QPushButton *>(QStringLiteral("fillUrisButton"));
    auto *download = quickstart->findChild<QPushButton *>(QStringLiteral("downloadConfigButton"));
    auto *save = settings->findChild<QPushButton *>(QStringLiteral("saveButton"));
    QVERIFY(fill && download && save);

    QTest::mouseClick(fill, Qt::LeftButton);
    QCOMPARE(applicationPage()->tabs()->currentWidget(), settings);
    const QStringList local {QStringLiteral("http://localhost:3000")};
    for (const char *name : {"callbacksEdit", "logoutUrlsEdit", "webOriginsEdit"}) {
        auto *edit = settings->findChild<UrlListEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        QCOMPARE(edit->urls(), local);
        QVERIFY2(edit->isValid(), name);
    }
    QVERIFY(save->isEnabled());
    QVERIFY(settings->isDirty());
    auto notYet = service().find(clientId);
    QVERIFY2(notYet, errorBytes(notYet));
    QVERIFY(notYet.value().callbacks.isEmpty()); // filled, not saved

    // Download auth_config.json through the (non-native, modal) file dialog.
    applicationPage()->tabs()->setCurrentWidget(quickstart);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("auth_config.json"));
    bool wasNonNative = false;
    bool wasModal = false;
    ModalAnswer answer(QString(), [&](QWidget *modal, QStringList &failures) {
        auto *dialog = qobject_cast<QFileDialog *>(modal);
        UI_CHECK(failures, dialog);
        wasNonNative = dialog->testOption(QFileDialog::DontUseNativeDialog);
        wasModal = dialog->isModal();
        UI_CHECK(failures, dialog->acceptMode() == QFileDialog::AcceptSave);
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected
    });
    QTest::mouseClick(download, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);
    QVERIFY(wasNonNative);
    QVERIFY(wasModal);

    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    QJsonParseError error {};
    const QJsonDocument config = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(config.isObject());
    QCOMPARE(config.object().value(QStringLiteral("domain")).toString(),
             m_tenant->tenant().settings().domain());
    QCOMPARE(config.object().value(QStringLiteral("clientId")).toString(), clientId);
    QCOMPARE(config.object().size(), 2);
}

void TestApplicationFlowCreate::quickstartFollowsTheTenantDomain()
{
    auto created = service().create({QStringLiteral("Preview App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    QVERIFY(m_window->showPage(Page::Id::Application, created.value().clientId));
    auto *preview = applicationPage()->quickstartTab()->findChild<QPlainTextEdit *>(
        QStringLiteral("authConfigPreview"));
    QVERIFY(preview);
    QVERIFY(preview->toPlainText().contains(created.value().clientId));
    QVERIFY(preview->toPlainText().contains(m_tenant->tenant().settings().domain()));

    TenantSettings::Values values = m_tenant->tenant().settings().values();
    values.domain = QStringLiteral("https://login.preview.example");
    auto saved = m_tenant->tenant().settings().save(values);
    QVERIFY2(saved, errorBytes(saved));
    const QJsonDocument shown = QJsonDocument::fromJson(preview->toPlainText().toUtf8());
    QCOMPARE(shown.object().value(QStringLiteral("domain")).toString(), values.domain);
    QCOMPARE(shown.object().value(QStringLiteral("clientId")).toString(), created.value().clientId);
    // The Settings tab shows the new domain once the application is opened again.
    QVERIFY(m_window->showPage(Page::Id::Applications));
    QVERIFY(openSettings(created.value().clientId));
    auto *domain = settingsTab()->findChild<QLineEdit *>(QStringLiteral("domainEdit"));
    QVERIFY(domain);
    QCOMPARE(domain->text(), values.domain);
}

QTEST_MAIN(TestApplicationFlowCreate)
#include "TestApplicationFlowCreate.moc"
