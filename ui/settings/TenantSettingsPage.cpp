#include "TenantSettingsPage.h"

#include "common/Form.h"
#include "common/MessageBar.h"
#include "common/UnsavedChanges.h"
#include "tenant/TenantSettings.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

TenantSettingsPage::TenantSettingsPage(TenantSettings &settings, QWidget *parent)
    : Page(parent)
    , m_settings(settings)
    , m_message(new MessageBar(this))
    , m_name(new QLineEdit(this))
    , m_nameError(Form::error(QStringLiteral("friendlyNameError"), this))
    , m_domain(new QLineEdit(this))
    , m_domainError(Form::error(QStringLiteral("domainError"), this))
    , m_environment(new QComboBox(this))
    , m_save(Form::button(tr("Save"), QStringLiteral("primary"), QStringLiteral("saveSettingsButton"), this))
{
    m_name->setObjectName(QStringLiteral("friendlyNameEdit"));
    m_domain->setObjectName(QStringLiteral("domainEdit"));
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    for (const QString &environment : TenantSettings::environments())
        m_environment->addItem(TenantSettings::environmentLabel(environment), environment);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);
    layout->addWidget(Form::pageHeader(tr("Tenant Settings"),
                                       tr("How this tenant names itself and where its "
                                          "login server answers.")));
    layout->addWidget(m_message);

    QFrame *card = Form::card(this);
    card->setMaximumWidth(720);
    auto *form = new QVBoxLayout(card);
    form->setContentsMargins(24, 20, 24, 22);
    form->setSpacing(6);
    form->addWidget(Form::label(tr("&Friendly Name"), m_name, card));
    form->addWidget(m_name);
    form->addWidget(m_nameError);
    form->addWidget(Form::hint(tr("Shown to users on the login pages and in the {{tenant.friendly_name}} "
                                  "template variable."),
                               card));
    form->addSpacing(10);
    form->addWidget(Form::label(tr("&Domain"), m_domain, card));
    form->addWidget(m_domain);
    form->addWidget(m_domainError);
    form->addWidget(Form::hint(tr("The base URL of the tenant's own login server, as apps put it in "
                                  "auth_config.json."),
                               card));
    form->addSpacing(10);
    form->addWidget(Form::label(tr("&Environment"), m_environment, card));
    form->addWidget(m_environment);
    form->addWidget(Form::hint(tr("A tag that reminds you which tenant this is."), card));
    form->addSpacing(12);
    form->addWidget(m_save, 0, Qt::AlignRight);
    layout->addWidget(card);
    layout->addStretch(1);

    connect(m_name, &QLineEdit::textChanged, this, &TenantSettingsPage::updateState);
    connect(m_domain, &QLineEdit::textChanged, this, &TenantSettingsPage::updateState);
    connect(m_environment, &QComboBox::currentIndexChanged, this, &TenantSettingsPage::updateState);
    connect(m_save, &QPushButton::clicked, this, &TenantSettingsPage::save);
    connect(&settings, &TenantSettings::changed, this, [this] {
        if (!m_save->isEnabled())
            load();
    });
    load();
}

void TenantSettingsPage::open(const QString &)
{
    m_message->clear();
    load();
}

void TenantSettingsPage::load()
{
    const TenantSettings::Values &values = m_settings.values();
    m_name->setText(values.friendlyName);
    m_domain->setText(values.domain);
    m_environment->setCurrentIndex(m_environment->findData(values.environment));
    updateState();
}

void TenantSettingsPage::updateState()
{
    const TenantSettings::Values values {
        m_name->text(), m_domain->text(), m_environment->currentData().toString()};
    const TenantSettings::Validation problems = TenantSettings::validate(values);
    Form::setError(m_nameError, m_name, problems.friendlyName);
    Form::setError(m_domainError, m_domain, problems.domain);
    m_save->setEnabled(!(values == m_settings.values()));
}

bool TenantSettingsPage::save()
{
    const TenantSettings::Values values {
        m_name->text(), m_domain->text(), m_environment->currentData().toString()};
    if (auto saved = m_settings.save(values); !saved) {
        m_message->showMessage(tr("Nothing was saved. %1").arg(saved.error().message()),
                               MessageBar::Level::Error);
        return false;
    }
    m_message->showMessage(tr("Settings saved."), MessageBar::Level::Success);
    load();
    return true;
}

bool TenantSettingsPage::confirmLeave()
{
    if (!m_save->isEnabled())
        return true;
    return UnsavedChanges::confirm(
        this,
        {tr("Unsaved changes"), tr("The tenant settings have changes that are not saved."), {}},
        [this] { return save(); },
        [this] { load(); });
}
