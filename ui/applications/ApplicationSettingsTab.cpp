#include "ApplicationSettingsTab.h"

#include "core/applications/ApplicationService.h"
#include "core/secrets/SecretJob.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/CopyButton.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/SecretField.h"
#include "ui/common/UrlListEdit.h"

#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace {

/// A card with a title and a form grid: label column, field column.
QGridLayout *addCard(QVBoxLayout *into, QWidget *parent, const QString &title, const QString &objectName)
{
    QFrame *card = Form::card(parent);
    card->setObjectName(objectName);
    auto *outer = new QVBoxLayout(card);
    outer->setContentsMargins(24, 20, 24, 22);
    outer->setSpacing(14);
    outer->addWidget(Form::section(title, card));
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(1, 1);
    grid->setColumnMinimumWidth(0, 200);
    outer->addLayout(grid);
    into->addWidget(card);
    return grid;
}

/// Adds a labelled row: the label, then the field with optional hint and error lines under it.
void addRow(QGridLayout *grid, QLabel *label, QWidget *field, QLabel *hint = nullptr, QLabel *error = nullptr)
{
    const int row = grid->rowCount();
    grid->addWidget(label, row, 0, Qt::AlignTop);
    auto *column = new QVBoxLayout;
    column->setSpacing(4);
    column->addWidget(field);
    if (error)
        column->addWidget(error);
    if (hint)
        column->addWidget(hint);
    column->addSpacing(8);
    grid->addLayout(column, row, 1);
}

QWidget *withCopy(QLineEdit *edit, const QString &what, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(edit, 1);
    auto *copy = new CopyButton(
        what, [edit] { return edit->text(); }, box);
    copy->setObjectName(edit->objectName() + QStringLiteral("Copy"));
    layout->addWidget(copy);
    return box;
}

} // namespace

ApplicationSettingsTab::ApplicationSettingsTab(Tenant &tenant, QWidget *parent)
    : QWidget(parent)
    , m_tenant(tenant)
    , m_message(new MessageBar(this))
    , m_name(new QLineEdit(this))
    , m_nameError(Form::error(QStringLiteral("nameError"), this))
    , m_domain(new QLineEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_secretRow(new QWidget(this))
    , m_secret(new SecretField(tr("Client Secret"), m_secretRow))
    , m_rotate(Form::button(tr("Rotate"), {}, QStringLiteral("rotateSecretButton"), m_secretRow))
    , m_description(new QPlainTextEdit(this))
    , m_descriptionCount(Form::hint({}, this))
    , m_type(new QComboBox(this))
    , m_callbacks(new UrlListEdit(UrlRules::Kind::Callback, this))
    , m_logoutUrls(new UrlListEdit(UrlRules::Kind::Logout, this))
    , m_webOrigins(new UrlListEdit(UrlRules::Kind::WebOrigin, this))
    , m_save(Form::button(tr("Save Changes"), QStringLiteral("primary"), QStringLiteral("saveButton"), this))
{
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_domain->setObjectName(QStringLiteral("domainEdit"));
    m_domain->setReadOnly(true);
    m_clientId->setObjectName(QStringLiteral("clientIdEdit"));
    m_clientId->setReadOnly(true);
    m_secret->setObjectName(QStringLiteral("clientSecret"));
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(64);
    m_descriptionCount->setObjectName(QStringLiteral("descriptionCount"));
    m_type->setObjectName(QStringLiteral("typeCombo"));
    for (const ApplicationTypeInfo &info : ApplicationTypeInfo::all())
        m_type->addItem(info.label, static_cast<int>(info.type));
    m_callbacks->setObjectName(QStringLiteral("callbacksEdit"));
    m_logoutUrls->setObjectName(QStringLiteral("logoutUrlsEdit"));
    m_webOrigins->setObjectName(QStringLiteral("webOriginsEdit"));
    for (UrlListEdit *edit : {m_callbacks, m_logoutUrls, m_webOrigins})
        edit->setPlaceholderText(QStringLiteral("http://localhost:3000"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 20, 0, 0);
    layout->setSpacing(16);
    layout->addWidget(m_message);

    QGridLayout *basic = addCard(layout, this, tr("Basic Information"), QStringLiteral("basicCard"));
    addRow(basic, Form::label(tr("&Name"), m_name, this), m_name, nullptr, m_nameError);
    addRow(basic,
           Form::label(tr("Domain"), m_domain, this),
           withCopy(m_domain, tr("Domain"), this),
           Form::hint(tr("The base URL of this tenant's login server (Tenant Settings)."), this));
    addRow(
        basic, Form::label(tr("Client ID"), m_clientId, this), withCopy(m_clientId, tr("Client ID"), this));
    auto *secretLayout = new QVBoxLayout(m_secretRow);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    secretLayout->setSpacing(4);
    auto *secretLine = new QHBoxLayout;
    secretLine->setSpacing(8);
    secretLine->addWidget(m_secret, 1);
    secretLine->addWidget(m_rotate);
    secretLayout->addLayout(secretLine);
    m_rotate->setAccessibleName(tr("Rotate client secret"));
    m_secretLabel = Form::label(tr("Client Secret"), m_secret->lineEdit(), this);
    auto *secretHint = Form::hint(tr("Kept in the system keyring, never in the tenant file. Do not share it "
                                     "or put it in client-side code."),
                                  m_secretRow);
    secretLayout->addWidget(secretHint);
    addRow(basic, m_secretLabel, m_secretRow);
    addRow(basic, Form::label(tr("&Description"), m_description, this), m_description, m_descriptionCount);

    QGridLayout *properties
        = addCard(layout, this, tr("Application Properties"), QStringLiteral("propertiesCard"));
    addRow(properties,
           Form::label(tr("Application &Type"), m_type, this),
           m_type,
           Form::hint(tr("Changing the type resets the grant types and token endpoint authentication to that "
                         "type's defaults."),
                      this));

    QGridLayout *uris = addCard(layout, this, tr("Application URIs"), QStringLiteral("urisCard"));
    addRow(uris,
           Form::label(tr("Allowed &Callback URLs"), m_callbacks->editor(), this),
           m_callbacks,
           Form::hint(tr("After login, users may be sent back only to these URLs. Separate them with commas "
                         "or new lines; a wildcard may stand in the left-most subdomain."),
                      this));
    addRow(uris,
           Form::label(tr("Allowed &Logout URLs"), m_logoutUrls->editor(), this),
           m_logoutUrls,
           Form::hint(tr("After logout, users may be redirected only to these URLs."), this));
    addRow(uris,
           Form::label(tr("Allowed &Web Origins"), m_webOrigins->editor(), this),
           m_webOrigins,
           Form::hint(tr("Origins (scheme://host[:port]) allowed to renew tokens silently, as auth0-spa-js "
                         "does."),
                      this));

    auto *footer = new QHBoxLayout;
    footer->addStretch(1);
    footer->addWidget(m_save);
    layout->addLayout(footer);

    QFrame *danger = Form::card(this);
    danger->setObjectName(QStringLiteral("dangerCard"));
    auto *dangerLayout = new QHBoxLayout(danger);
    dangerLayout->setContentsMargins(24, 18, 24, 18);
    auto *dangerText = new QVBoxLayout;
    dangerText->addWidget(Form::section(tr("Danger Zone"), danger));
    dangerText->addWidget(
        Form::hint(tr("Deleting the application cannot be undone. Its users stay; its logins "
                      "stop working."),
                   danger));
    dangerLayout->addLayout(dangerText, 1);
    auto *remove
        = Form::button(tr("Delete"), QStringLiteral("danger"), QStringLiteral("deleteButton"), danger);
    dangerLayout->addWidget(remove, 0, Qt::AlignVCenter);
    layout->addWidget(danger);
    layout->addStretch(1);

    for (UrlListEdit *edit : {m_callbacks, m_logoutUrls, m_webOrigins})
        connect(edit, &UrlListEdit::edited, this, &ApplicationSettingsTab::updateState);
    connect(m_name, &QLineEdit::textChanged, this, &ApplicationSettingsTab::updateState);
    connect(m_description, &QPlainTextEdit::textChanged, this, &ApplicationSettingsTab::updateState);
    connect(m_type, &QComboBox::currentIndexChanged, this, &ApplicationSettingsTab::updateState);
    connect(m_save, &QPushButton::clicked, this, &ApplicationSettingsTab::save);
    connect(m_rotate, &QPushButton::clicked, this, &ApplicationSettingsTab::rotateSecret);
    connect(remove, &QPushButton::clicked, this, &ApplicationSettingsTab::deleteRequested);
    connect(&tenant.settings(), &TenantSettings::changed, this, [this] {
        m_domain->setText(m_tenant.settings().domain());
    });
    connect(&tenant.applications(),
            &ApplicationService::clientSecretRotated,
            this,
            [this](const QString &clientId) {
                if (clientId == m_loaded.clientId && m_loaded.typeInfo().confidential)
                    loadSecret();
            });
}

void ApplicationSettingsTab::load(const Application &application)
{
    const bool sameApp = application.clientId == m_loaded.clientId;
    m_loaded = application;
    {
        const QSignalBlocker a(m_name), b(m_description), c(m_type);
        m_name->setText(application.name);
        m_description->setPlainText(application.description);
        m_type->setCurrentIndex(m_type->findData(static_cast<int>(application.type)));
    }
    m_domain->setText(m_tenant.settings().domain());
    m_clientId->setText(application.clientId);
    const bool custom = ApplicationService::allowsCustomSchemes(application.type);
    for (UrlListEdit *edit : {m_callbacks, m_logoutUrls, m_webOrigins})
        edit->setAllowCustomScheme(custom && edit != m_webOrigins);
    m_callbacks->setUrls(application.callbacks);
    m_logoutUrls->setUrls(application.logoutUrls);
    m_webOrigins->setUrls(application.webOrigins);
    if (!sameApp)
        m_message->clear();
    m_secretRow->setVisible(application.typeInfo().confidential);
    m_secretLabel->setVisible(application.typeInfo().confidential);
    if (application.typeInfo().confidential)
        loadSecret();
    updateState();
}

Application ApplicationSettingsTab::edited() const
{
    Application app = m_loaded;
    app.name = m_name->text().trimmed();
    app.description = m_description->toPlainText();
    app.type = static_cast<ApplicationType>(m_type->currentData().toInt());
    app.callbacks = m_callbacks->urls();
    app.logoutUrls = m_logoutUrls->urls();
    app.webOrigins = m_webOrigins->urls();
    return app;
}

bool ApplicationSettingsTab::isDirty() const
{
    const Application now = edited();
    return now.name != m_loaded.name || now.description != m_loaded.description || now.type != m_loaded.type
        || now.callbacks != m_loaded.callbacks || now.logoutUrls != m_loaded.logoutUrls
        || now.webOrigins != m_loaded.webOrigins;
}

void ApplicationSettingsTab::fillUris(const QString &url)
{
    for (UrlListEdit *edit : {m_callbacks, m_logoutUrls, m_webOrigins}) {
        QStringList urls = edit->urls();
        if (!urls.contains(url))
            urls.append(url);
        edit->setUrls(urls);
    }
    updateState();
}

void ApplicationSettingsTab::updateState()
{
    Form::setError(m_nameError, m_name, ApplicationService::checkName(m_name->text()));
    const int length = int(m_description->toPlainText().size());
    m_descriptionCount->setText(
        tr("%1 / %2 characters").arg(length).arg(ApplicationService::MaxDescriptionLength));
    m_descriptionCount->setProperty(
        "role",
        length > ApplicationService::MaxDescriptionLength ? QStringLiteral("error") : QStringLiteral("hint"));
    m_descriptionCount->style()->unpolish(m_descriptionCount);
    m_descriptionCount->style()->polish(m_descriptionCount);

    const bool dirty = isDirty();
    m_save->setEnabled(dirty);
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
}

bool ApplicationSettingsTab::save()
{
    const Application app = edited();
    if (const ApplicationValidation problems = ApplicationService::validate(app); !problems.isValid()) {
        m_message->showMessage(tr("Nothing was saved. %1").arg(problems.summary()), MessageBar::Level::Error);
        Form::reveal(firstInvalidField(problems));
        return false;
    }
    auto stored = m_tenant.applications().update(app);
    if (!stored) {
        if (stored.error().kind() == Error::Kind::Conflict)
            showConflict(stored.error().message());
        else
            m_message->showMessage(tr("Nothing was saved. %1").arg(stored.error().message()),
                                   MessageBar::Level::Error);
        return false;
    }
    load(stored.value());
    m_message->showMessage(tr("Changes saved."), MessageBar::Level::Success);
    Q_EMIT saved(stored.value());
    return true;
}

QWidget *ApplicationSettingsTab::firstInvalidField(const ApplicationValidation &problems) const
{
    // In the order of the form, top to bottom.
    if (!problems.name.isEmpty())
        return m_name;
    if (!problems.description.isEmpty())
        return m_description;
    if (!problems.callbacks.isEmpty())
        return m_callbacks;
    if (!problems.logoutUrls.isEmpty())
        return m_logoutUrls;
    return m_webOrigins;
}

void ApplicationSettingsTab::showConflict(const QString &message)
{
    m_message->showMessage(
        tr("%1 Your edits were not saved. Reload to see the current settings (your edits will "
           "be lost), or keep editing and copy what you need first.")
            .arg(message),
        MessageBar::Level::Warning);
    m_message->addAction(tr("Reload"), QStringLiteral("reloadButton"), [this] { Q_EMIT reloadRequested(); });
}

void ApplicationSettingsTab::loadSecret()
{
    m_secret->setUnavailable(tr("Reading from the keyring…"));
    const QString clientId = m_loaded.clientId;
    connect(m_tenant.applications().readClientSecret(clientId),
            &SecretJob::finished,
            this,
            [this, clientId](SecretJob *job) {
                if (clientId != m_loaded.clientId)
                    return;
                if (job->succeeded())
                    m_secret->setSecret(QString::fromLatin1(job->value()));
                else if (job->status() == SecretJob::Status::NotFound)
                    m_secret->setUnavailable(tr("No secret is stored: rotate to create one."));
                else
                    m_secret->setUnavailable(job->errorString());
            });
}

void ApplicationSettingsTab::rotateSecret()
{
    ConfirmationBox box(ConfirmationBox::Tone::Danger,
                        tr("Rotate the client secret?"),
                        tr("A new client secret will replace the current one at once. Every application "
                           "that uses the current secret stops working until it is given the new one."),
                        this);
    box.setObjectName(QStringLiteral("rotateConfirmation"));
    QPushButton *rotate = box.addButton(tr("Rotate"), QMessageBox::DestructiveRole);
    rotate->setObjectName(QStringLiteral("confirmRotate"));
    box.addButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != rotate)
        return;
    m_rotate->setEnabled(false);
    connect(m_tenant.applications().rotateClientSecret(m_loaded.clientId),
            &SecretJob::finished,
            this,
            [this](SecretJob *job) {
                m_rotate->setEnabled(true);
                if (!job->succeeded()) {
                    m_message->showMessage(tr("The secret was not rotated: %1").arg(job->errorString()),
                                           MessageBar::Level::Error);
                    return;
                }
                m_message->showMessage(tr("The client secret was rotated."), MessageBar::Level::Success);
            });
}
