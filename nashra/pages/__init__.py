"""Pages: the page catalogue, each page's view data, URLs, interface strings, search markup."""
