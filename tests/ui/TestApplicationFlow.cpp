// The applications flow on the real main window: create, configure URIs, quickstart, leave with unsaved
// changes, delete, client secrets and concurrent edits, all through the widgets.

#include "ResultText.h"
#include "SecretJobResult.h"
#include "TempTenant.h"
#include "UiTestHelpers.h"
#include "applications/ApplicationListModel.h"
#include "applications/ApplicationPage.h"
#include "applications/ApplicationService.h"
#include "applications/ApplicationSettingsTab.h"
#include "applications/ApplicationsPage.h"
#include "applications/QuickstartTab.h"
#include "common/ChoiceCard.h"
#include "common/MessageBar.h"
#include "common/SecretField.h"
#include "common/UrlListEdit.h"
#include "secrets/MemorySecretStore.h"
#include "shell/MainWindow.h"
#include "tenant/Tenant.h"
#include "tenant/TenantSettings.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

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

class TestApplicationFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createApplication_data();
    void createApplication();
    void badUrisAreMarkedAndNotSaved();
    void quickstartFillsUrisAndDownloadsConfig();
    void unsavedChangesPrompt_data();
    void unsavedChangesPrompt();
    void closingTheWindowAsksToo();
    void quickstartFollowsTheTenantDomain();
    void deleteNeedsTheExactName_data();
    void deleteNeedsTheExactName();
    void publicApplicationHasNoSecret();
    void clientSecretIsHiddenUntilRevealed();
    void rotateClientSecret_data();
    void rotateClientSecret();
    void conflictOffersReload();
    void changeFromThisProcess_data();
    void changeFromThisProcess();

private:
    ApplicationService &service() { return m_tenant->tenant().applications(); }
    ApplicationPage *applicationPage() const;
    ApplicationSettingsTab *settingsTab() const;
    /// Opens the application @p clientId and switches to its Settings tab.
    bool openSettings(const QString &clientId);
    /// The stored client secret of @p clientId, read from the secret store.
    SecretJobResult storedSecret(const QString &clientId);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestApplicationFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_applicationflow"));
}

void TestApplicationFlow::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestApplicationFlow::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

ApplicationPage *TestApplicationFlow::applicationPage() const
{
    return qobject_cast<ApplicationPage *>(m_window->page(Page::Id::Application));
}

ApplicationSettingsTab *TestApplicationFlow::settingsTab() const
{
    return applicationPage()->findChild<ApplicationSettingsTab *>(QStringLiteral("settingsTab"));
}

bool TestApplicationFlow::openSettings(const QString &clientId)
{
    if (!m_window->showPage(Page::Id::Application, clientId))
        return false;
    applicationPage()->tabs()->setCurrentWidget(settingsTab());
    return m_window->currentPageId() == Page::Id::Application && applicationPage()->clientId() == clientId
        && settingsTab()->isVisible();
}

SecretJobResult TestApplicationFlow::storedSecret(const QString &clientId)
{
    return waitForJob(
        m_tenant->secrets().read(SecretStore::clientSecretKey(m_tenant->tenant().id(), clientId)));
}

void TestApplicationFlow::createApplication_data()
{
    QTest::addColumn<QString>("apiValue");
    QTest::addColumn<QString>("technology");

    QTest::newRow("single-page app, React") << QStringLiteral("spa") << QStringLiteral("React");
    QTest::newRow("single-page app, Vue") << QStringLiteral("spa") << QStringLiteral("Vue");
    QTest::newRow("regular web app: no technology") << QStringLiteral("regular_web") << QString();
}

void TestApplicationFlow::createApplication()
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

void TestApplicationFlow::badUrisAreMarkedAndNotSaved()
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

void TestApplicationFlow::quickstartFillsUrisAndDownloadsConfig()
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

void TestApplicationFlow::unsavedChangesPrompt_data()
{
    QTest::addColumn<QString>("edited");
    QTest::addColumn<QMessageBox::StandardButton>("answer");
    QTest::addColumn<bool>("leaves");
    QTest::addColumn<bool>("saves");

    const QString name = QStringLiteral("Edited Name");
    QTest::newRow("Cancel: stays, edits kept") << name << QMessageBox::Cancel << false << false;
    QTest::newRow("Discard: leaves, nothing saved") << name << QMessageBox::Discard << true << false;
    QTest::newRow("Save: saves, then leaves") << name << QMessageBox::Save << true << true;
    QTest::newRow("Save a blank name: refused, stays") << QString() << QMessageBox::Save << false << false;
}

void TestApplicationFlow::unsavedChangesPrompt()
{
    QFETCH(QString, edited);
    QFETCH(QMessageBox::StandardButton, answer);
    QFETCH(bool, leaves);
    QFETCH(bool, saves);
    const QString original = QStringLiteral("Original Name");

    auto created = service().create({original, ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *nameEdit = settingsTab()->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QVERIFY(nameEdit);
    UiTest::retype(nameEdit, edited);
    QVERIFY(settingsTab()->isDirty());

    ModalAnswer prompt(QStringLiteral("unsavedChangesBox"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        QAbstractButton *button = box->button(answer);
        UI_CHECK(failures, button);
        QTest::mouseClick(button, Qt::LeftButton);
    });
    const bool left = m_window->showPage(Page::Id::Applications);
    UI_VERIFY_ANSWERED(prompt);

    QCOMPARE(left, leaves);
    QCOMPARE(m_window->currentPageId(), leaves ? Page::Id::Applications : Page::Id::Application);
    auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, saves ? edited : original);
    if (!leaves) {
        QCOMPARE(nameEdit->text(), edited);
        QVERIFY(settingsTab()->isDirty());
        QVERIFY(applicationPage()->isVisible());
        auto *message = settingsTab()->findChild<MessageBar *>(QStringLiteral("messageBar"),
                                                               Qt::FindDirectChildrenOnly);
        QVERIFY(message);
        QCOMPARE(message->isVisible(), answer == QMessageBox::Save); // a refused save says why
        return;
    }
    QVERIFY(!settingsTab()->isDirty());
    QCOMPARE(nameEdit->text(), saves ? edited : original);
    auto *applications = qobject_cast<ApplicationsPage *>(m_window->page(Page::Id::Applications));
    QVERIFY(applications);
    const int row = applications->model()->rowOf(clientId);
    QVERIFY(row >= 0);
    QCOMPARE(applications->model()->index(row, ApplicationListModel::NameColumn).data().toString(),
             saves ? edited : original);
}

void TestApplicationFlow::closingTheWindowAsksToo()
{
    auto created = service().create({QStringLiteral("Unsaved App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    QVERIFY(openSettings(created.value().clientId));
    auto *nameEdit = settingsTab()->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QVERIFY(nameEdit);
    UiTest::retype(nameEdit, QStringLiteral("Half Edited"));

    ModalAnswer prompt(QStringLiteral("unsavedChangesBox"), [](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        UI_CHECK(failures, box->button(QMessageBox::Cancel));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    });
    QVERIFY(!m_window->close());
    UI_VERIFY_ANSWERED(prompt);
    QVERIFY(m_window->isVisible());
    QCOMPARE(nameEdit->text(), QStringLiteral("Half Edited"));
}

void TestApplicationFlow::quickstartFollowsTheTenantDomain()
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

void TestApplicationFlow::deleteNeedsTheExactName_data()
{
    QTest::addColumn<bool>("confirm");

    QTest::newRow("Delete: the application goes") << true;
    QTest::newRow("Cancel: the application stays") << false;
}

void TestApplicationFlow::deleteNeedsTheExactName()
{
    QFETCH(bool, confirm);
    const QString name = QStringLiteral("Doomed App");
    auto created = service().create({name, ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *remove = settingsTab()->findChild<QPushButton *>(QStringLiteral("deleteButton"));
    QVERIFY(remove);

    bool enabledAtFirst = true;
    bool enabledOtherCase = true;
    bool enabledPrefix = true;
    bool enabledExact = false;
    ModalAnswer answer(
        QStringLiteral("deleteApplicationDialog"), [&](QWidget *dialog, QStringList &failures) {
            auto *button = dialog->findChild<QPushButton *>(QStringLiteral("confirmDeleteButton"));
            auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("confirmNameEdit"));
            UI_CHECK(failures, button);
            UI_CHECK(failures, nameEdit);
            enabledAtFirst = button->isEnabled();
            UiTest::retype(nameEdit, name.toLower());
            enabledOtherCase = button->isEnabled();
            UiTest::retype(nameEdit, name.left(name.size() - 1));
            enabledPrefix = button->isEnabled();
            QTest::keyClick(nameEdit, name.back().toLatin1());
            UI_CHECK(failures, nameEdit->text() == name);
            enabledExact = button->isEnabled();
            if (confirm) {
                QTest::mouseClick(button, Qt::LeftButton);
            } else {
                auto *box = dialog->findChild<QDialogButtonBox *>();
                UI_CHECK(failures, box);
                UI_CHECK(failures, box->button(QDialogButtonBox::Cancel));
                QTest::mouseClick(box->button(QDialogButtonBox::Cancel), Qt::LeftButton);
            }
        });
    QTest::mouseClick(remove, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);
    QVERIFY(!enabledAtFirst);
    QVERIFY(!enabledOtherCase);
    QVERIFY(!enabledPrefix);
    QVERIFY(enabledExact);

    auto *applications = qobject_cast<ApplicationsPage *>(m_window->page(Page::Id::Applications));
    QVERIFY(applications);
    const auto found = service().find(clientId);
    if (confirm) {
        QVERIFY(!found);
        QCOMPARE(found.error().kind(), Error::Kind::NotFound);
        QTRY_COMPARE(m_window->currentPageId(), Page::Id::Applications);
        QCOMPARE(applications->model()->rowOf(clientId), -1);
    } else {
        QVERIFY2(found, errorBytes(found));
        QCOMPARE(m_window->currentPageId(), Page::Id::Application);
        QCOMPARE(applicationPage()->clientId(), clientId);
    }
}

void TestApplicationFlow::publicApplicationHasNoSecret()
{
    auto created = service().create({QStringLiteral("Public SPA"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    QVERIFY(openSettings(created.value().clientId));
    auto *field = settingsTab()->findChild<SecretField *>(QStringLiteral("clientSecret"));
    auto *rotate = settingsTab()->findChild<QPushButton *>(QStringLiteral("rotateSecretButton"));
    QVERIFY(field && rotate);
    QVERIFY(!field->isVisible());
    QVERIFY(!rotate->isVisible());
    QVERIFY(!field->hasSecret());
    QCOMPARE(m_tenant->secrets().count(), 0);
}

void TestApplicationFlow::clientSecretIsHiddenUntilRevealed()
{
    auto created = service().create({QStringLiteral("Billing Site"), ApplicationType::RegularWeb, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *field = settingsTab()->findChild<SecretField *>(QStringLiteral("clientSecret"));
    QVERIFY(field);
    QVERIFY(field->isVisible());

    QTRY_VERIFY(field->hasSecret());
    const SecretJobResult stored = storedSecret(clientId);
    QVERIFY2(stored.succeeded(), qPrintable(stored.errorString));
    QCOMPARE(stored.value.size(), ApplicationService::ClientSecretLength);
    QCOMPARE(field->lineEdit()->text(), QString::fromLatin1(stored.value));
    QCOMPARE(field->lineEdit()->echoMode(), QLineEdit::Password);
    QVERIFY(field->lineEdit()->displayText() != field->lineEdit()->text());
    QVERIFY(!field->isRevealed());

    QTest::mouseClick(field->revealButton(), Qt::LeftButton);
    QVERIFY(field->isRevealed());
    QCOMPARE(field->lineEdit()->echoMode(), QLineEdit::Normal);
    QCOMPARE(field->lineEdit()->displayText(), QString::fromLatin1(stored.value));

    QTest::mouseClick(field->revealButton(), Qt::LeftButton);
    QVERIFY(!field->isRevealed());
    QCOMPARE(field->lineEdit()->echoMode(), QLineEdit::Password);
}

void TestApplicationFlow::rotateClientSecret_data()
{
    QTest::addColumn<bool>("confirm");

    QTest::newRow("Rotate: a new secret") << true;
    QTest::newRow("Cancel: the same secret") << false;
}

void TestApplicationFlow::rotateClientSecret()
{
    QFETCH(bool, confirm);
    auto created = service().create({QStringLiteral("Backend"), ApplicationType::RegularWeb, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *field = settingsTab()->findChild<SecretField *>(QStringLiteral("clientSecret"));
    auto *rotate = settingsTab()->findChild<QPushButton *>(QStringLiteral("rotateSecretButton"));
    auto *message
        = settingsTab()->findChild<MessageBar *>(QStringLiteral("messageBar"), Qt::FindDirectChildrenOnly);
    QVERIFY(field && rotate && message);
    QTRY_VERIFY(field->hasSecret());
    const SecretJobResult before = storedSecret(clientId);
    QVERIFY2(before.succeeded(), qPrintable(before.errorString));

    QSignalSpy rotated(&service(), &ApplicationService::clientSecretRotated);
    QVERIFY(rotated.isValid());
    ModalAnswer answer(QStringLiteral("rotateConfirmation"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        QAbstractButton *button = confirm ? box->findChild<QPushButton *>(QStringLiteral("confirmRotate"))
                                          : box->button(QMessageBox::Cancel);
        UI_CHECK(failures, button);
        QTest::mouseClick(button, Qt::LeftButton);
    });
    QTest::mouseClick(rotate, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);

    // Secret jobs run in the order they were made: this read sees any rotation the click started.
    const SecretJobResult after = storedSecret(clientId);
    QVERIFY2(after.succeeded(), qPrintable(after.errorString));
    QCOMPARE(rotated.count(), confirm ? 1 : 0);
    QCOMPARE(after.value != before.value, confirm);
    QCOMPARE(after.value.size(), ApplicationService::ClientSecretLength);
    QTRY_COMPARE(field->lineEdit()->text(), QString::fromLatin1(after.value));
    QTRY_VERIFY(field->hasSecret());
    QVERIFY(rotate->isEnabled());
    if (confirm) {
        QCOMPARE(rotated.constFirst().constFirst().toString(), clientId);
        QCOMPARE(message->level(), MessageBar::Level::Success);
        QVERIFY(message->isVisible());
    } else {
        QVERIFY(!message->isVisible());
    }
}

void TestApplicationFlow::conflictOffersReload()
{
    auto created = service().create({QStringLiteral("Shared App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    ApplicationSettingsTab *settings = settingsTab();
    auto *nameEdit = settings->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *callbacks = settings->findChild<UrlListEdit *>(QStringLiteral("callbacksEdit"));
    auto *save = settings->findChild<QPushButton *>(QStringLiteral("saveButton"));
    auto *message
        = settings->findChild<MessageBar *>(QStringLiteral("messageBar"), Qt::FindDirectChildrenOnly);
    auto *title = applicationPage()->findChild<QLabel *>(QStringLiteral("pageTitle"));
    QVERIFY(nameEdit && callbacks && save && message && title);

    // Another process changes the application in the same tenant file.
    const QString theirName = QStringLiteral("Renamed Elsewhere");
    const QStringList theirCallbacks {QStringLiteral("https://elsewhere.example.com/callback")};
    {
        MemorySecretStore otherSecrets;
        auto other = Tenant::open(m_tenant->path(), otherSecrets);
        QVERIFY2(other, errorBytes(other));
        auto theirs = other.value()->applications().find(clientId);
        QVERIFY2(theirs, errorBytes(theirs));
        Application changed = theirs.value();
        changed.name = theirName;
        changed.callbacks = theirCallbacks;
        auto updated = other.value()->applications().update(changed);
        QVERIFY2(updated, errorBytes(updated));
    }

    UiTest::retype(nameEdit, QStringLiteral("Renamed Here"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(message->isVisible());
    QCOMPARE(message->level(), MessageBar::Level::Warning);
    QVERIFY(!message->text().isEmpty());
    auto *reload = message->findChild<QPushButton *>(QStringLiteral("reloadButton"));
    QVERIFY(reload);
    QTRY_VERIFY(reload->isVisible()); // a widget added to a shown bar is shown on the next event loop turn
    auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, theirName); // ours was refused
    QCOMPARE(nameEdit->text(), QStringLiteral("Renamed Here")); // and kept on screen until reload

    QTest::mouseClick(reload, Qt::LeftButton);
    QCOMPARE(nameEdit->text(), theirName);
    QCOMPARE(callbacks->urls(), theirCallbacks);
    QVERIFY(!settings->isDirty());
    QVERIFY(!save->isEnabled());
    QVERIFY(!message->findChild<QPushButton *>(QStringLiteral("reloadButton")));
    QCOMPARE(title->text(), theirName);

    // What is on screen now is the current revision: saving it works.
    UiTest::retype(nameEdit, QStringLiteral("Renamed Here"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(message->level(), MessageBar::Level::Success);
    stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, QStringLiteral("Renamed Here"));
    QCOMPARE(stored.value().callbacks, theirCallbacks);
}

void TestApplicationFlow::changeFromThisProcess_data()
{
    QTest::addColumn<bool>("editing");

    QTest::newRow("not editing: the page shows the change") << false;
    QTest::newRow("editing: a warning, edits kept") << true;
}

void TestApplicationFlow::changeFromThisProcess()
{
    QFETCH(bool, editing);
    auto created = service().create({QStringLiteral("Watched App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *nameEdit = settingsTab()->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *message
        = settingsTab()->findChild<MessageBar *>(QStringLiteral("messageBar"), Qt::FindDirectChildrenOnly);
    auto *title = applicationPage()->findChild<QLabel *>(QStringLiteral("pageTitle"));
    QVERIFY(nameEdit && message && title);
    const QString local = QStringLiteral("Local Edit");
    if (editing)
        UiTest::retype(nameEdit, local);

    // Another window of this process saves the application through the same service.
    const QString changedName = QStringLiteral("Changed In Another Window");
    Application changed = created.value();
    changed.name = changedName;
    auto updated = service().update(changed);
    QVERIFY2(updated, errorBytes(updated));

    if (!editing) {
        QCOMPARE(nameEdit->text(), changedName);
        QCOMPARE(title->text(), changedName);
        QVERIFY(!settingsTab()->isDirty());
        return;
    }
    QCOMPARE(nameEdit->text(), local);
    QVERIFY(message->isVisible());
    QCOMPARE(message->level(), MessageBar::Level::Warning);
    QVERIFY(message->findChild<QPushButton *>(QStringLiteral("reloadButton")));

    // Saving is refused as a conflict, which does offer Reload.
    auto *save = settingsTab()->findChild<QPushButton *>(QStringLiteral("saveButton"));
    QVERIFY(save);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(message->level(), MessageBar::Level::Warning);
    QVERIFY(message->findChild<QPushButton *>(QStringLiteral("reloadButton")));
    auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, changedName);
}

QTEST_MAIN(TestApplicationFlow)
#include "TestApplicationFlow.moc"
