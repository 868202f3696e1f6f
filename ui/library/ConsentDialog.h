#pragma once

#include <QDialog>

struct CatalogEntry;

/**
 * @brief "Plivo will need access to: …": what the admin agrees to before an integration is installed.
 */
class ConsentDialog : public QDialog
{
    Q_OBJECT

public:
    ConsentDialog(const CatalogEntry &entry, QWidget *parent = nullptr);
};
