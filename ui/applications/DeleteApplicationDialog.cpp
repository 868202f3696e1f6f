#include "DeleteApplicationDialog.h"

#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

DeleteApplicationDialog::DeleteApplicationDialog(const QString &applicationName, QWidget *parent)
    : QDialog(parent)
    , m_confirm(new QLineEdit(this))
{
    setObjectName(QStringLiteral("deleteApplicationDialog"));
    setWindowTitle(tr("Delete application"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(10);
    layout->addWidget(Form::section(tr("Delete “%1”?").arg(applicationName), this));
    auto *text
        = new QLabel(tr("This deletes the application and its client secret. Logins through it stop at "
                        "once, and it cannot be undone."),
                     this);
    text->setWordWrap(true);
    layout->addWidget(text);
    m_confirm->setObjectName(QStringLiteral("confirmNameEdit"));
    m_confirm->setPlaceholderText(applicationName);
    layout->addWidget(Form::label(tr("Type the application name to confirm"), m_confirm, this));
    layout->addWidget(m_confirm);

    auto *buttons = new QDialogButtonBox(this);
    m_delete = buttons->addButton(tr("Delete"), QDialogButtonBox::AcceptRole);
    m_delete->setObjectName(QStringLiteral("confirmDeleteButton"));
    Form::setKind(m_delete, QStringLiteral("danger"));
    m_delete->setEnabled(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    ConfirmationBox::useFlatButtons(buttons);
    layout->addWidget(buttons);

    connect(m_confirm, &QLineEdit::textChanged, this, [this, applicationName](const QString &text) {
        m_delete->setEnabled(text == applicationName);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    Form::fitDialog(this, 480);
}
