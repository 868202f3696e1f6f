#include "SecretDialog.h"

#include "core/actions/CustomActionService.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SecretDialog::SecretDialog(const QStringList &existing, QWidget *parent)
    : QDialog(parent)
    , m_existing(existing)
    , m_name(new QLineEdit(this))
    , m_value(new QLineEdit(this))
    , m_nameError(Form::error(QStringLiteral("secretNameError"), this))
    , m_valueError(Form::error(QStringLiteral("secretValueError"), this))
{
    build(false);
}

SecretDialog::SecretDialog(const QString &name, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(name, this))
    , m_value(new QLineEdit(this))
    , m_nameError(Form::error(QStringLiteral("secretNameError"), this))
    , m_valueError(Form::error(QStringLiteral("secretValueError"), this))
{
    build(true);
}

void SecretDialog::build(bool replacing)
{
    setObjectName(QStringLiteral("secretDialog"));
    setWindowTitle(replacing ? tr("Replace secret value") : tr("Add Secret"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 18);
    layout->setSpacing(6);
    layout->addWidget(Form::pageHeader(
        windowTitle(),
        replacing ? tr("Type the new value of %1. The old value is discarded.").arg(m_name->text())
                  : tr("The action reads it as event.secrets.NAME. Once saved, the value cannot be "
                       "viewed again."),
        this));
    layout->addSpacing(10);

    m_name->setObjectName(QStringLiteral("secretName"));
    m_name->setPlaceholderText(QStringLiteral("PLIVO_AUTH_TOKEN"));
    m_name->setMaxLength(CustomActionService::MaxSecretNameLength);
    m_name->setReadOnly(replacing);
    layout->addWidget(Form::label(tr("&Key"), m_name, this));
    layout->addWidget(m_name);
    layout->addWidget(m_nameError);
    layout->addSpacing(6);

    m_value->setObjectName(QStringLiteral("secretValue"));
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setPlaceholderText(tr("The secret value"));
    layout->addWidget(Form::label(tr("&Value"), m_value, this));
    layout->addWidget(m_value);
    layout->addWidget(m_valueError);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *save = buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    save->setObjectName(QStringLiteral("saveSecretButton"));
    save->setDefault(true);
    Form::setKind(save, QStringLiteral("primary"));
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    ConfirmationBox::useFlatButtons(buttons);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SecretDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    (replacing ? m_value : m_name)->setFocus();
    Form::fitDialog(this, 460);
}

QString SecretDialog::name() const
{
    return m_name->text().trimmed();
}

QByteArray SecretDialog::takeValue()
{
    const QByteArray value = m_value->text().toUtf8();
    m_value->clear();
    return value;
}

void SecretDialog::accept()
{
    QString nameProblem = CustomActionService::secretNameProblem(name());
    if (nameProblem.isEmpty() && !m_name->isReadOnly() && m_existing.contains(name()))
        nameProblem = tr("%1 is already set: select it in the list and use Replace value.").arg(name());
    Form::setError(m_nameError, m_name, nameProblem);
    const QString valueProblem = m_value->text().isEmpty() ? tr("Type the secret's value.") : QString();
    Form::setError(m_valueError, m_value, valueProblem);
    if (nameProblem.isEmpty() && valueProblem.isEmpty())
        QDialog::accept();
    else
        Form::fitDialog(this, width()); // room for the error lines
}
