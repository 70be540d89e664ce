#!/bin/bash -ex

# install dependencies
apt-get update
apt-get -y install build-essential python python-dev python-virtualenv nginx supervisor git

# create a flasky user to run the server process
adduser --disabled-password --gecos "" flasky

# clone flasky from github
cd /home/flasky
git clone https://github.com/miguelgrinberg/flasky.git
cd flasky

# Write configuration file
cat >.env <<EOF
FLASK_CONFIG=heroku
SECRET_KEY=__flask_secret_key__
DATABASE_URL=sqlite:////home/flasky/flasky/appdb.sqlite
MAIL_USERNAME=__gmail_username__
MAIL_PASSWORD=__gmail_password__
FLASKY_ADMIN=__gmail_username__@gmail.com
SSL_DISABLE=1
EOF

# create a virtualenv and install dependencies
virtualenv venv
venv/bin/pip install -r requirements/prod.txt
venv/bin/pip install gunicorn==18.0

# create database
venv/bin/python manage.py deploy

# make the flasky user the owner of the application
chown -R flasky:flasky ./

# configure supervisor to run a private gunicorn web server, and
# to autostart it on boot and when it crashes
# stdout and stderr logs from the server will go to /var/log/flasky
mkdir /var/log/flasky
cat >/etc/supervisor/conf.d/flasky.conf <<EOF
[program:flasky]
command=/home/flasky/flasky/venv/bin/gunicorn -b 127.0.0.1:8000 -w 4 --chdir /home/flasky/flasky --log-file - manage:app
user=flasky
autostart=true
autorestart=true
stderr_logfile=/var/log/flasky/stderr.log
stdout_logfile=/var/log/flasky/stdout.log
EOF
supervisorctl reread
supervisorctl update

# configure nginx as the front-end web server with a reverse proxy
# rule to the gunicorn server
cat >/etc/nginx/sites-available/flasky <<EOF
server {
    listen 80;
    server_name _;
    access_log /var/log/nginx/flasky.access.log;
    error_log /var/log/nginx/flasky.error.log;
    location / {
        proxy_pass http://127.0.0.1:8000;
        proxy_redirect off;
        proxy_set_header Host \$host;
        proxy_set_header X-Real-IP \$remote_addr;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
    location /static {
        alias /home/flasky/flasky/static;
    }
    location /favicon.ico {
        alias /home/flasky/flasky/favicon.ico;
    }
}
EOF
rm -f /etc/nginx/sites-enabled/default
ln -s /etc/nginx/sites-available/flasky /etc/nginx/sites-enabled/
service nginx restart
